import { Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBolt } from '@tabler/icons-react';
import { ButtonLink } from '../../../components/RouterLinks';

export function AutomationsEmpty() {
  return (
    <Stack align="center" gap="sm" py={48} px="md" ta="center">
      <ThemeIcon size={48} radius="xl" variant="light" color="gray">
        <IconBolt size={24} aria-hidden />
      </ThemeIcon>
      <Title order={2} fz="lg">
        No automations yet
      </Title>
      <Text c="dimmed" fz="sm" maw={460}>
        For example: when the tag “customer” is applied, grant access to your membership. Automations react
        within moments, and every run shows in the run log.
      </Text>
      <ButtonLink to="/automations/new" mt="xs">
        Create an automation
      </ButtonLink>
    </Stack>
  );
}

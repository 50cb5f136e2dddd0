import { Button, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconFilterOff, IconUsers } from '@tabler/icons-react';
import { ButtonLink } from '../../../components/RouterLinks';

/** No leads at all (a new account: say how to get some), or none matching the filters. */
export function LeadsEmpty({
  filtered,
  onClear,
  onAdd,
}: {
  filtered: boolean;
  onClear: () => void;
  onAdd: () => void;
}) {
  return (
    <Stack align="center" gap="sm" py={48} px="md" ta="center">
      <ThemeIcon size={48} radius="xl" variant="light" color="gray">
        {filtered ? <IconFilterOff size={24} aria-hidden /> : <IconUsers size={24} aria-hidden />}
      </ThemeIcon>
      <Title order={2} fz="lg">
        {filtered ? 'No leads match these filters' : 'No leads yet'}
      </Title>
      <Text c="dimmed" fz="sm" maw={420}>
        {filtered
          ? 'Try another search, or clear the filters to see everyone.'
          : 'Bring your list from your old platform with a CSV import, or add a lead by hand.'}
      </Text>
      <Group gap="xs" mt="xs">
        {filtered ? (
          <Button variant="default" onClick={onClear}>
            Clear filters
          </Button>
        ) : (
          <>
            <ButtonLink to="/leads/import">Import CSV</ButtonLink>
            <Button variant="default" onClick={onAdd}>
              Add lead
            </Button>
          </>
        )}
      </Group>
    </Stack>
  );
}

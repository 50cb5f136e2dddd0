import { Button, Card, Container, Group, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconLock, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { messageOf } from '../../../api/errors';
import { useMemberships } from '../../../api/memberships';
import { FormAlert } from '../../../components/FormAlert';
import { PageHeader } from '../../../components/PageHeader';
import { CreateMembershipModal } from './CreateMembershipModal';
import { MembershipsTable } from './MembershipsTable';

function MembershipsEmpty({ onCreate }: { onCreate: () => void }) {
  return (
    <Stack align="center" gap="sm" py={48} px="md" ta="center">
      <ThemeIcon size={48} radius="xl" variant="light" color="gray">
        <IconLock size={24} aria-hidden />
      </ThemeIcon>
      <Title order={2} fz="lg">
        No memberships yet
      </Title>
      <Text c="dimmed" fz="sm" maw={460}>
        A membership is members-only content in levels, behind a member login on your site. Grant access by
        hand, or let an automation grant it when a tag is applied.
      </Text>
      <Button mt="xs" onClick={onCreate}>
        Create a membership
      </Button>
    </Stack>
  );
}

/** `/memberships`: every membership with its levels and member count; create one. */
export function MembershipsPage() {
  const memberships = useMemberships();
  const [creating, setCreating] = useState(false);
  return (
    <Container size="xl" px={0}>
      <Group justify="space-between" align="flex-start" gap="md">
        <PageHeader
          title="Memberships"
          description="Members-only content in levels, released on a schedule, behind a member login."
        />
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
          New membership
        </Button>
      </Group>
      <Card p={0}>
        {memberships.isPending ? (
          <Stack p="md" gap="sm" role="status" aria-label="Loading memberships">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} h={28} />
            ))}
          </Stack>
        ) : memberships.isError ? (
          <Stack p="md">
            <FormAlert message={messageOf(memberships.error)} />
          </Stack>
        ) : memberships.data.length === 0 ? (
          <MembershipsEmpty onCreate={() => setCreating(true)} />
        ) : (
          <MembershipsTable memberships={memberships.data} />
        )}
      </Card>
      <CreateMembershipModal opened={creating} onClose={() => setCreating(false)} />
    </Container>
  );
}

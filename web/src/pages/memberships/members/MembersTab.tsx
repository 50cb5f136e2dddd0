import { Button, Card, Group, Modal, SegmentedControl, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { messageOf } from '../../../api/errors';
import { useMemberPages, useRevokeAccess } from '../../../api/members';
import type { Member, MemberStatus, Membership } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { SectionCard } from '../../settings/SectionCard';
import { GrantAccessForm } from './GrantAccessForm';
import { MembersTable } from './MembersTable';

function RevokeModal({
  membership,
  member,
  onClose,
}: {
  membership: Membership;
  member: Member | null;
  onClose: () => void;
}) {
  const revoke = useRevokeAccess(membership.id);
  const confirm = () =>
    member &&
    revoke.mutate(member.lead_id, {
      onSuccess: () => {
        notifications.show({ color: 'teal', title: 'Access revoked', message: member.email });
        onClose();
      },
      onError: (e) => notifications.show({ color: 'red', title: 'Could not revoke', message: messageOf(e) }),
    });
  return (
    <Modal opened={member !== null} onClose={onClose} title="Revoke access?" centered>
      <Stack gap="md">
        <Text fz="sm">
          <b>{member?.email}</b> is shut out of {membership.name} at their next click. Billing is not touched,
          and granting again restarts their drip schedule and re-sends the welcome mail.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" onClick={confirm} loading={revoke.isPending}>
            Revoke access
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

const FILTERS = [
  { value: 'active', label: 'Active' },
  { value: 'revoked', label: 'Revoked' },
  { value: 'all', label: 'All' },
];

/** Grant by hand, and everyone who has (or had) access, newest first. */
export function MembersTab({ membership }: { membership: Membership }) {
  const [status, setStatus] = useState<string>('active');
  const pages = useMemberPages(membership.id, status === 'all' ? undefined : (status as MemberStatus));
  const members = useMemo(() => pages.data?.pages.flatMap((p) => p.members) ?? [], [pages.data]);
  const [revoking, setRevoking] = useState<Member | null>(null);
  return (
    <Stack gap="lg">
      <SectionCard
        title="Grant access"
        description="A lead is created for a new email. The member gets a welcome mail with a link to choose their password."
      >
        <GrantAccessForm membership={membership} />
      </SectionCard>
      <Card p={0}>
        <Group p="md" justify="space-between">
          <Text fw={600}>
            {membership.members.active} active, {membership.members.revoked} revoked
          </Text>
          <SegmentedControl aria-label="Member status" data={FILTERS} value={status} onChange={setStatus} />
        </Group>
        {pages.isPending ? (
          <Stack p="md" gap="sm" role="status" aria-label="Loading members">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} h={28} />
            ))}
          </Stack>
        ) : pages.isError ? (
          <Stack p="md">
            <FormAlert message={messageOf(pages.error)} />
          </Stack>
        ) : members.length === 0 ? (
          <Text c="dimmed" fz="sm" ta="center" py="xl" px="md">
            {status === 'revoked'
              ? 'Nobody’s access has been revoked.'
              : 'No members yet. Grant access above, or let an automation do it.'}
          </Text>
        ) : (
          <MembersTable members={members} onRevoke={setRevoking} />
        )}
      </Card>
      {pages.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={() => pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
            Load more
          </Button>
        </Group>
      )}
      <RevokeModal membership={membership} member={revoking} onClose={() => setRevoking(null)} />
    </Stack>
  );
}

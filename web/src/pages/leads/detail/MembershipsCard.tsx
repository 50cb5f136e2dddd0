import { Badge, Group, Skeleton, Stack, Text } from '@mantine/core';
import { messageOf } from '../../../api/errors';
import { useLeadMemberships } from '../../../api/leads';
import { FormAlert } from '../../../components/FormAlert';
import { AnchorLink } from '../../../components/RouterLinks';
import { formatDate } from '../../../lib/format';
import { SectionCard } from '../../settings/SectionCard';

/**
 * Membership access, read-only: automations, purchases and the membership's Members tab (linked)
 * grant and revoke it.
 */
export function MembershipsCard({ leadId }: { leadId: number }) {
  const memberships = useLeadMemberships(leadId);
  return (
    <SectionCard title="Memberships">
      {memberships.isPending ? (
        <Skeleton h={40} aria-label="Loading memberships" />
      ) : memberships.isError ? (
        <FormAlert message={messageOf(memberships.error)} />
      ) : memberships.data.length === 0 ? (
        <Text c="dimmed" fz="sm">
          No membership access.
        </Text>
      ) : (
        <Stack gap="xs" role="list" aria-label="Memberships of this lead">
          {memberships.data.map((m) => (
            <Group
              key={`${m.membership_id}-${m.level_id}`}
              justify="space-between"
              wrap="nowrap"
              role="listitem"
            >
              <Stack gap={0} style={{ minWidth: 0 }}>
                <AnchorLink
                  to="/memberships/$id/members"
                  params={{ id: String(m.membership_id) }}
                  fz="sm"
                  fw={500}
                  truncate
                >
                  {m.membership_name}
                </AnchorLink>
                <Text fz="xs" c="dimmed">
                  {m.level_name ? `${m.level_name} · ` : ''}
                  {m.status === 'active'
                    ? `since ${formatDate(m.granted_at)}`
                    : `revoked ${formatDate(m.revoked_at)}`}
                </Text>
              </Stack>
              <Badge variant="light" color={m.status === 'active' ? 'teal' : 'gray'}>
                {m.status === 'active' ? 'Active' : 'Revoked'}
              </Badge>
            </Group>
          ))}
        </Stack>
      )}
    </SectionCard>
  );
}

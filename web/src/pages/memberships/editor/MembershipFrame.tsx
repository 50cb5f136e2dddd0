import { Button, Container, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import {
  IconArrowLeft,
  IconExternalLink,
  IconFolders,
  IconSettings,
  IconStairs,
  IconUsers,
} from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { ApiError, messageOf } from '../../../api/errors';
import { useMembership } from '../../../api/memberships';
import type { Membership } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { PageLoader } from '../../../components/PageLoader';
import { AnchorLink } from '../../../components/RouterLinks';

export const membershipTabs = [
  { value: 'content', label: 'Content', to: '/memberships/$id', icon: IconFolders },
  { value: 'levels', label: 'Levels', to: '/memberships/$id/levels', icon: IconStairs },
  { value: 'members', label: 'Members', to: '/memberships/$id/members', icon: IconUsers },
  { value: 'settings', label: 'Settings', to: '/memberships/$id/settings', icon: IconSettings },
] as const;

export type MembershipTab = (typeof membershipTabs)[number]['value'];

function BackLink() {
  return (
    <AnchorLink to="/memberships" fz="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden /> All memberships
      </Group>
    </AnchorLink>
  );
}

/** A membership's screens: its name, the portal link, and a tab per part (content, levels…). */
export function MembershipFrame({
  id,
  tab,
  children,
}: {
  id: number;
  tab: MembershipTab;
  children: (membership: Membership) => ReactNode;
}) {
  const membership = useMembership(id);
  const navigate = useNavigate();
  if (membership.isPending) return <PageLoader />;
  if (membership.isError) {
    const gone = membership.error instanceof ApiError && membership.error.status === 404;
    return (
      <Container size="sm" px={0}>
        <Stack gap="md">
          <BackLink />
          <Title order={1} fz={28}>
            {gone ? 'Membership not found' : 'Could not load the membership'}
          </Title>
          <FormAlert message={gone ? 'It may have been deleted.' : messageOf(membership.error)} />
        </Stack>
      </Container>
    );
  }
  const m = membership.data;
  return (
    <Container size="xl" px={0}>
      <Stack gap="xs" mb="lg">
        <BackLink />
        <Group justify="space-between" align="flex-start" gap="md">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Title order={1} fz={28} style={{ wordBreak: 'break-word' }}>
              {m.name}
            </Title>
            <Text c="dimmed" fz="sm" style={{ wordBreak: 'break-all' }}>
              Members log in at {m.portal_url}
            </Text>
          </Stack>
          <Button
            component="a"
            href={m.portal_url}
            target="_blank"
            rel="noopener"
            variant="default"
            leftSection={<IconExternalLink size={16} aria-hidden />}
          >
            Open portal
          </Button>
        </Group>
      </Stack>
      <Tabs
        value={tab}
        onChange={(next) => {
          const target = membershipTabs.find((t) => t.value === next);
          if (target) void navigate({ to: target.to, params: { id: String(id) } });
        }}
        keepMounted={false}
      >
        <Tabs.List mb="lg">
          {membershipTabs.map(({ value, label, icon: Icon }) => (
            <Tabs.Tab key={value} value={value} leftSection={<Icon size={16} aria-hidden />}>
              {label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {membershipTabs.map((t) => (
          <Tabs.Panel key={t.value} value={t.value}>
            {t.value === tab && children(m)}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Container>
  );
}

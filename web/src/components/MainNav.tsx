import { Badge, Divider, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import {
  IconBolt,
  IconHome,
  IconLayoutDashboard,
  IconLock,
  IconMail,
  IconPlugConnected,
  IconSettings,
  IconShoppingCart,
  IconUsers,
  IconWorldWww,
} from '@tabler/icons-react';
import { NavLinkItem } from './RouterLinks';

// Areas the product will grow into: visible so owners see what's coming, but not clickable yet.
const upcoming = [
  { label: 'Pages', icon: IconLayoutDashboard },
  { label: 'Mail', icon: IconMail },
];

export function MainNav() {
  return (
    <ScrollArea style={{ flex: 1 }}>
      <Stack gap={2}>
        <NavLinkItem
          to="/"
          activeOptions={{ exact: true }}
          label="Home"
          leftSection={<IconHome size={18} aria-hidden />}
        />
        <NavLinkItem to="/leads" label="Leads" leftSection={<IconUsers size={18} aria-hidden />} />
        <NavLinkItem to="/automations" label="Automations" leftSection={<IconBolt size={18} aria-hidden />} />
        <NavLinkItem to="/memberships" label="Memberships" leftSection={<IconLock size={18} aria-hidden />} />
        <NavLinkItem to="/domains" label="Domains" leftSection={<IconWorldWww size={18} aria-hidden />} />
        <NavLinkItem
          to="/commerce"
          label="Commerce"
          leftSection={<IconShoppingCart size={18} aria-hidden />}
        />
        <NavLinkItem
          to="/integrations"
          label="Integrations"
          leftSection={<IconPlugConnected size={18} aria-hidden />}
        />
        <NavLinkItem to="/settings" label="Settings" leftSection={<IconSettings size={18} aria-hidden />} />
        <Divider my="sm" />
        <Text fz="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pb={4}>
          Coming soon
        </Text>
        {upcoming.map(({ label, icon: Icon }) => (
          <NavLink
            key={label}
            component="button"
            disabled
            label={label}
            leftSection={<Icon size={18} aria-hidden />}
            rightSection={
              <Badge size="xs" variant="light" color="gray">
                Soon
              </Badge>
            }
          />
        ))}
      </Stack>
    </ScrollArea>
  );
}

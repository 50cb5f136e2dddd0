import { Container, Tabs } from '@mantine/core';
import { IconBriefcase, IconKey, IconShieldLock, IconStack2, IconUser } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { BusinessTab } from './BusinessTab';
import { PlanTab } from './PlanTab';
import { ProfileTab } from './ProfileTab';
import { SecurityTab } from './SecurityTab';
import { TokensTab } from './TokensTab';
import { isSettingsTab, type SettingsTab, settingsTabs } from './tabs';

const icons: Record<SettingsTab, ReactNode> = {
  profile: <IconUser size={16} aria-hidden />,
  business: <IconBriefcase size={16} aria-hidden />,
  security: <IconShieldLock size={16} aria-hidden />,
  plan: <IconStack2 size={16} aria-hidden />,
  tokens: <IconKey size={16} aria-hidden />,
};

const panels: Record<SettingsTab, () => ReactNode> = {
  profile: () => <ProfileTab />,
  business: () => <BusinessTab />,
  security: () => <SecurityTab />,
  plan: () => <PlanTab />,
  tokens: () => <TokensTab />,
};

/** One URL per tab (`/settings/security`), so tabs can be linked to and survive a reload. */
export function SettingsPage({ tab }: { tab: SettingsTab }) {
  const navigate = useNavigate();
  return (
    <Container size="md" px={0}>
      <PageHeader title="Settings" description="Your profile, business defaults, security and plan." />
      <Tabs
        value={tab}
        onChange={(next) => {
          if (next && isSettingsTab(next)) void navigate({ to: '/settings/$tab', params: { tab: next } });
        }}
        keepMounted={false}
      >
        <Tabs.List mb="lg">
          {settingsTabs.map((t) => (
            <Tabs.Tab key={t.value} value={t.value} leftSection={icons[t.value]}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {settingsTabs.map((t) => (
          <Tabs.Panel key={t.value} value={t.value}>
            {t.value === tab && panels[t.value]()}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Container>
  );
}

import { Container, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconForms, IconList, IconTags, IconUsers } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';

export const leadsTabs = [
  { value: 'leads', label: 'All leads', to: '/leads', icon: IconUsers },
  { value: 'tags', label: 'Tags', to: '/leads/tags', icon: IconTags },
  { value: 'lists', label: 'Lists', to: '/leads/lists', icon: IconList },
  { value: 'fields', label: 'Custom fields', to: '/leads/fields', icon: IconForms },
] as const;

export type LeadsTab = (typeof leadsTabs)[number]['value'];

/** The Leads area's frame: one h1, the actions of the screen, and a tab per sub-screen. */
export function LeadsFrame({
  tab,
  description,
  actions,
  children,
}: {
  tab: LeadsTab;
  description: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  return (
    <Container size="xl" px={0}>
      <Group justify="space-between" align="flex-start" mb="lg" gap="md">
        <Stack gap={4}>
          <Title order={1} fz={28}>
            Leads
          </Title>
          <Text c="dimmed">{description}</Text>
        </Stack>
        {actions && (
          <Group gap="xs" wrap="wrap">
            {actions}
          </Group>
        )}
      </Group>
      <Tabs
        value={tab}
        onChange={(next) => {
          const target = leadsTabs.find((t) => t.value === next);
          if (target) void navigate({ to: target.to });
        }}
        keepMounted={false}
      >
        <Tabs.List mb="lg">
          {leadsTabs.map(({ value, label, icon: Icon }) => (
            <Tabs.Tab key={value} value={value} leftSection={<Icon size={16} aria-hidden />}>
              {label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {leadsTabs.map((t) => (
          <Tabs.Panel key={t.value} value={t.value}>
            {t.value === tab && children}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Container>
  );
}

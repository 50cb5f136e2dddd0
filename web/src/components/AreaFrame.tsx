import { Container, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import type { ComponentType, ReactNode } from 'react';

export type AreaTab = {
  value: string;
  label: string;
  to: string;
  icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;
};

/** An area of the app with sub-screens: one h1, the screen's actions, a tab per sub-screen. */
export function AreaFrame({
  title,
  tabs,
  tab,
  description,
  actions,
  children,
}: {
  title: string;
  tabs: readonly AreaTab[];
  tab: string;
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
            {title}
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
          const target = tabs.find((t) => t.value === next);
          if (target) void navigate({ to: target.to });
        }}
        keepMounted={false}
      >
        <Tabs.List mb="lg">
          {tabs.map(({ value, label, icon: Icon }) => (
            <Tabs.Tab key={value} value={value} leftSection={<Icon size={16} aria-hidden />}>
              {label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((t) => (
          <Tabs.Panel key={t.value} value={t.value}>
            {t.value === tab && children}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Container>
  );
}

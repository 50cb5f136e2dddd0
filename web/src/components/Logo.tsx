import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconBuildingArch } from '@tabler/icons-react';

export function Logo({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const big = size === 'lg';
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon
        size={big ? 38 : 30}
        radius="md"
        variant="gradient"
        gradient={{ from: 'indigo', to: 'violet' }}
      >
        <IconBuildingArch size={big ? 22 : 18} aria-hidden />
      </ThemeIcon>
      <Text fw={700} fz={big ? 24 : 19} lh={1}>
        Atrium
      </Text>
    </Group>
  );
}

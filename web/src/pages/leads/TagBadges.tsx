import { Badge, Group, Text } from '@mantine/core';

/** A few names as badges, the rest counted ("+3"), so a row stays one line high. */
export function NameBadges({
  names,
  color,
  max = 3,
  empty = '—',
}: {
  names: string[];
  color: string;
  max?: number;
  empty?: string;
}) {
  if (!names.length)
    return (
      <Text c="dimmed" fz="sm">
        {empty}
      </Text>
    );
  const shown = names.slice(0, max);
  const rest = names.length - shown.length;
  return (
    <Group gap={4} wrap="wrap">
      {shown.map((n) => (
        <Badge key={n} variant="light" color={color} tt="none" fw={500}>
          {n}
        </Badge>
      ))}
      {rest > 0 && (
        <Badge variant="outline" color="gray" tt="none" fw={500} title={names.slice(max).join(', ')}>
          +{rest}
        </Badge>
      )}
    </Group>
  );
}

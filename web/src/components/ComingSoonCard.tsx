import { Badge, Card, Group, Text, ThemeIcon } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A dashboard tile for an area of the product: with an `action` (a link into it) once the area
 * exists, marked "Coming soon" until then.
 */
export function ComingSoonCard({
  title,
  description,
  icon,
  action,
}: {
  title: string;
  description: string;
  icon: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Card component="section" aria-label={title} h="100%">
      <Group justify="space-between" align="flex-start" mb="md">
        <ThemeIcon size={42} radius="md" variant="light">
          {icon}
        </ThemeIcon>
        {!action && (
          <Badge variant="light" color="gray">
            Coming soon
          </Badge>
        )}
      </Group>
      <Text fw={600} fz="lg" mb={4}>
        {title}
      </Text>
      <Text c="dimmed" fz="sm">
        {description}
      </Text>
      {action && <Group mt="md">{action}</Group>}
    </Card>
  );
}

import { Badge } from '@mantine/core';
import type { Domain } from '../../api/domains';

/** Active, or pending with the hours it has left before Atrium removes it. */
export function StatusBadge({ domain }: { domain: Domain }) {
  if (domain.status === 'active') {
    return (
      <Badge color="teal" variant="light">
        Active
      </Badge>
    );
  }
  const hours = domain.expires_at
    ? Math.max(0, Math.ceil((new Date(domain.expires_at).getTime() - Date.now()) / 3_600_000))
    : null;
  return (
    <Badge
      color="yellow"
      variant="light"
      title="Removed if its DNS is not right within 24 hours of adding it"
    >
      {hours === null ? 'Pending' : `Pending · ${hours} h left`}
    </Badge>
  );
}

import { Button, Grid, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useLists, useTags } from '../../../api/taxonomy';
import type { GdprStatus, LeadFilter } from '../../../api/types';
import { GDPR_OPTIONS } from '../../../lib/leadFields';
import { hasFilter } from '../../../lib/leadFilter';

const BLOCKED_OPTIONS = [
  { value: 'false', label: 'Not blocked' },
  { value: 'true', label: 'Blocked' },
];

/** Search and filters; every change goes to the URL, so a filtered list can be linked and reloaded. */
export function LeadFilters({
  filter,
  onChange,
}: {
  filter: LeadFilter;
  onChange: (next: LeadFilter) => void;
}) {
  const tags = useTags();
  const lists = useLists();
  const [q, setQ] = useState(filter.q ?? '');
  const pushSearch = useDebouncedCallback(
    (value: string) => onChange({ ...filter, q: value || undefined }),
    300,
  );
  const set = (patch: LeadFilter) => onChange({ ...filter, ...patch });

  return (
    <form aria-label="Filter leads" onSubmit={(e) => e.preventDefault()}>
      <Grid gutter="sm" align="flex-end">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <TextInput
            label="Search"
            placeholder="Email, name, company or phone"
            leftSection={<IconSearch size={16} aria-hidden />}
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              pushSearch(e.currentTarget.value.trim());
            }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3, md: 2 }}>
          <Select
            label="Tag"
            placeholder="Any tag"
            data={(tags.data ?? []).map((t) => t.name)}
            value={filter.tag ?? null}
            onChange={(v) => set({ tag: v ?? undefined })}
            searchable
            clearable
            nothingFoundMessage="No such tag"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3, md: 2 }}>
          <Select
            label="List"
            placeholder="Any list"
            data={(lists.data ?? []).map((l) => l.name)}
            value={filter.list ?? null}
            onChange={(v) => set({ list: v ?? undefined })}
            searchable
            clearable
            nothingFoundMessage="No such list"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3, md: 2 }}>
          <Select
            label="Blocked"
            placeholder="All"
            data={BLOCKED_OPTIONS}
            value={filter.blocked ?? null}
            onChange={(v) => set({ blocked: (v as LeadFilter['blocked']) ?? undefined })}
            clearable
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3, md: 2 }}>
          <Select
            label="GDPR"
            placeholder="Any"
            data={GDPR_OPTIONS}
            value={filter.gdpr ?? null}
            onChange={(v) => set({ gdpr: (v as GdprStatus | null) ?? undefined })}
            clearable
          />
        </Grid.Col>
      </Grid>
      {hasFilter(filter) && (
        <Group justify="flex-end" mt="xs">
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconX size={14} aria-hidden />}
            onClick={() => {
              setQ('');
              onChange({});
            }}
          >
            Clear filters
          </Button>
        </Group>
      )}
    </form>
  );
}

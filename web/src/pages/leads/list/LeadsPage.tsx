import { Button, Card, Center, Loader, Skeleton, Stack, Text } from '@mantine/core';
import { IconDownload, IconPlus, IconUpload } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { messageOf } from '../../../api/errors';
import { useLeadPages } from '../../../api/leads';
import type { BulkActionName, LeadFilter } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { ButtonLink } from '../../../components/RouterLinks';
import { exportCsvUrl, hasFilter } from '../../../lib/leadFilter';
import { LeadsFrame } from '../LeadsFrame';
import { AddLeadModal } from './AddLeadModal';
import { BulkActionModal } from './BulkActionModal';
import { BulkBar } from './BulkBar';
import { countLeads } from './bulkActions';
import { LeadFilters } from './LeadFilters';
import { LeadsEmpty } from './LeadsEmpty';
import { LeadsTable } from './LeadsTable';

/** `/leads`: search, filter, select, act in bulk, add, import and export. */
export function LeadsPage({ filter }: { filter: LeadFilter }) {
  const navigate = useNavigate();
  const pages = useLeadPages(filter);
  const leads = useMemo(() => pages.data?.pages.flatMap((p) => p.leads) ?? [], [pages.data]);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [adding, setAdding] = useState(false);
  const [bulk, setBulk] = useState<BulkActionName | null>(null);

  const setFilter = (next: LeadFilter) => {
    setSelected(new Set());
    void navigate({ to: '/leads', search: next, replace: true });
  };
  const toggle = (id: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const toggleAll = (on: boolean) => setSelected(on ? new Set(leads.map((l) => l.id)) : new Set());

  const actions = (
    <>
      <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
        Add lead
      </Button>
      <ButtonLink to="/leads/import" variant="default" leftSection={<IconUpload size={16} aria-hidden />}>
        Import CSV
      </ButtonLink>
      <Button
        component="a"
        href={exportCsvUrl(filter)}
        download
        variant="default"
        leftSection={<IconDownload size={16} aria-hidden />}
      >
        Export CSV
      </Button>
    </>
  );

  return (
    <LeadsFrame
      tab="leads"
      description="Everyone who opted in, bought or was imported, with their tags and lists."
      actions={actions}
    >
      <Stack gap="md">
        <Card>
          <LeadFilters filter={filter} onChange={setFilter} />
        </Card>
        {selected.size > 0 && (
          <BulkBar count={selected.size} onAction={setBulk} onClear={() => setSelected(new Set())} />
        )}
        <Card p={0}>
          {pages.isPending ? (
            <Stack p="md" gap="sm" aria-label="Loading leads" role="status">
              {[0, 1, 2, 3, 4].map((i) => (
                <Skeleton key={i} h={28} />
              ))}
            </Stack>
          ) : pages.isError ? (
            <Stack p="md">
              <FormAlert message={messageOf(pages.error)} />
            </Stack>
          ) : leads.length === 0 ? (
            <LeadsEmpty
              filtered={hasFilter(filter)}
              onClear={() => setFilter({})}
              onAdd={() => setAdding(true)}
            />
          ) : (
            <LeadsTable leads={leads} selected={selected} onToggle={toggle} onToggleAll={toggleAll} />
          )}
        </Card>
        {leads.length > 0 && (
          <Center>
            {pages.hasNextPage ? (
              <Button
                variant="default"
                onClick={() => pages.fetchNextPage()}
                loading={pages.isFetchingNextPage}
              >
                Load more
              </Button>
            ) : (
              <Text c="dimmed" fz="sm">
                {pages.isFetching ? <Loader size="xs" /> : `${countLeads(leads.length)} shown — that's all.`}
              </Text>
            )}
          </Center>
        )}
      </Stack>
      <AddLeadModal opened={adding} onClose={() => setAdding(false)} />
      <BulkActionModal
        action={bulk}
        ids={[...selected]}
        onClose={() => setBulk(null)}
        onDone={() => {
          setBulk(null);
          setSelected(new Set());
        }}
      />
    </LeadsFrame>
  );
}

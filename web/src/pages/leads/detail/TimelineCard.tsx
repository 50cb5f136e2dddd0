import { Button, Center, Skeleton, Stack, Text, ThemeIcon, Timeline } from '@mantine/core';
import { IconMinus, IconPencil, IconPlus, IconPoint, IconUpload, IconX } from '@tabler/icons-react';
import { useMemo } from 'react';
import { messageOf } from '../../../api/errors';
import { useTimeline } from '../../../api/leads';
import { useLists, useTags } from '../../../api/taxonomy';
import type { TimelineEntry } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { formatDateTime } from '../../../lib/format';
import { describeEntry, type EntryText, type NameLookup, sourcePhrase } from '../../../lib/timeline';
import { SectionCard } from '../../settings/SectionCard';

const toneColor: Record<EntryText['tone'], string> = {
  add: 'teal',
  remove: 'orange',
  change: 'indigo',
  danger: 'red',
  neutral: 'gray',
};

function Bullet({ entry, tone }: { entry: TimelineEntry; tone: EntryText['tone'] }) {
  const Icon =
    entry.kind === 'imported'
      ? IconUpload
      : tone === 'add'
        ? IconPlus
        : tone === 'remove'
          ? IconMinus
          : tone === 'danger'
            ? IconX
            : tone === 'change'
              ? IconPencil
              : IconPoint;
  return (
    <ThemeIcon size={22} radius="xl" color={toneColor[tone]} variant="light">
      <Icon size={13} aria-hidden />
    </ThemeIcon>
  );
}

/** What happened to the lead, newest first: what changed, when, and who or what did it. */
export function TimelineCard({ leadId }: { leadId: number }) {
  const timeline = useTimeline(leadId);
  const tags = useTags();
  const lists = useLists();
  const names: NameLookup = useMemo(
    () => ({
      tags: new Map((tags.data ?? []).map((t) => [t.id, t.name])),
      lists: new Map((lists.data ?? []).map((l) => [l.id, l.name])),
    }),
    [tags.data, lists.data],
  );
  const entries = timeline.data?.pages.flatMap((p) => p.entries) ?? [];

  return (
    <SectionCard title="Timeline" description="Every change to this lead, newest first.">
      {timeline.isPending ? (
        <Stack gap="sm" role="status" aria-label="Loading timeline">
          <Skeleton h={40} />
          <Skeleton h={40} />
        </Stack>
      ) : timeline.isError ? (
        <FormAlert message={messageOf(timeline.error)} />
      ) : entries.length === 0 ? (
        <Text c="dimmed" fz="sm">
          Nothing has happened yet.
        </Text>
      ) : (
        <Stack gap="md">
          <Timeline bulletSize={22} lineWidth={2} aria-label="Timeline entries">
            {entries.map((e) => {
              const d = describeEntry(e, names);
              return (
                <Timeline.Item key={e.id} bullet={<Bullet entry={e} tone={d.tone} />} title={d.title}>
                  {d.lines.map((line) => (
                    <Text key={line} fz="sm">
                      {line}
                    </Text>
                  ))}
                  <Text fz="xs" c="dimmed" mt={2}>
                    <time dateTime={e.at}>{formatDateTime(e.at)}</time> · {sourcePhrase(e)}
                  </Text>
                </Timeline.Item>
              );
            })}
          </Timeline>
          {timeline.hasNextPage && (
            <Center>
              <Button
                variant="default"
                size="xs"
                onClick={() => timeline.fetchNextPage()}
                loading={timeline.isFetchingNextPage}
              >
                Show older entries
              </Button>
            </Center>
          )}
        </Stack>
      )}
    </SectionCard>
  );
}

import { Badge, Group, Stack, Text } from '@mantine/core';
import { IconFileText } from '@tabler/icons-react';
import { useReorder } from '../../../api/membershipContent';
import type { Level, PostSummary } from '../../../api/types';
import { AnchorLink } from '../../../components/RouterLinks';
import { moved, NodeActions } from './NodeActions';

/** The posts of one subcategory in order: title (to the editor), who may read it, when it opens. */
export function PostRows({
  membershipId,
  subcategoryId,
  posts,
  levels,
}: {
  membershipId: number;
  subcategoryId: number;
  posts: PostSummary[];
  levels: Level[];
}) {
  const reorder = useReorder(membershipId);
  const levelName = new Map(levels.map((l) => [l.id, l.name]));
  if (posts.length === 0)
    return (
      <Text fz="sm" c="dimmed">
        No posts yet.
      </Text>
    );
  const ids = posts.map((p) => p.id);
  return (
    <Stack gap={4} role="list" aria-label="Posts">
      {posts.map((p, i) => (
        <Group key={p.id} role="listitem" justify="space-between" gap="xs" wrap="nowrap" py={4}>
          <Group gap="xs" wrap="wrap" style={{ minWidth: 0 }}>
            <IconFileText size={16} aria-hidden color="var(--mantine-color-dimmed)" />
            <AnchorLink
              to="/memberships/$id/posts/$postId"
              params={{ id: String(membershipId), postId: String(p.id) }}
              fz="sm"
              fw={500}
            >
              {p.title}
            </AnchorLink>
            {p.level_ids.length === 0 ? (
              <Badge size="sm" variant="light" color="red" tt="none">
                No level can read it
              </Badge>
            ) : (
              p.level_ids.map((id) => (
                <Badge key={id} size="sm" variant="light" color="grape" tt="none">
                  {levelName.get(id) ?? `Level #${id}`}
                </Badge>
              ))
            )}
            {p.release_after_days > 0 && (
              <Badge size="sm" variant="outline" color="gray" tt="none">
                Opens on day {p.release_after_days}
              </Badge>
            )}
          </Group>
          <NodeActions
            what={`post ${p.title}`}
            index={i}
            count={posts.length}
            busy={reorder.isPending}
            onMove={(to) =>
              reorder.mutate({ kind: 'posts', parent_id: subcategoryId, ids: moved(ids, i, to) })
            }
          />
        </Group>
      ))}
    </Stack>
  );
}

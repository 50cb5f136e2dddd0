import { Card, Group, Paper, Stack, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useCreateSubcategory, useReorder } from '../../../api/membershipContent';
import type { Level, TreeCategory, TreeSubcategory } from '../../../api/types';
import { ButtonLink } from '../../../components/RouterLinks';
import { AddNameForm } from './AddNameForm';
import { moved, NodeActions } from './NodeActions';
import type { NodeTarget } from './NodeModals';
import { PostRows } from './PostRows';

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const subcategoryTarget = (s: TreeSubcategory): NodeTarget => ({
  kind: 'subcategory',
  id: s.id,
  name: s.name,
  contents: s.posts.length ? count(s.posts.length, 'post') : '',
});

export const categoryTarget = (c: TreeCategory): NodeTarget => {
  const posts = c.subcategories.reduce((n, s) => n + s.posts.length, 0);
  const parts = [
    c.subcategories.length ? count(c.subcategories.length, 'subcategory', 'subcategories') : '',
    posts ? count(posts, 'post') : '',
  ].filter(Boolean);
  return { kind: 'category', id: c.id, name: c.name, contents: parts.join(' and ') };
};

type Props = {
  membershipId: number;
  category: TreeCategory;
  index: number;
  siblings: number[];
  levels: Level[];
  onEdit: (target: NodeTarget, action: 'rename' | 'delete') => void;
};

/** One category: its subcategories with their posts, in order, and forms to add more. */
export function CategoryCard({ membershipId, category, index, siblings, levels, onEdit }: Props) {
  const reorder = useReorder(membershipId);
  const addSub = useCreateSubcategory(membershipId);
  const subIds = category.subcategories.map((s) => s.id);
  return (
    <Card component="section" aria-label={`Category ${category.name}`}>
      <Stack gap="md">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Title order={2} fz="lg" style={{ wordBreak: 'break-word' }}>
            {category.name}
          </Title>
          <NodeActions
            what={`category ${category.name}`}
            index={index}
            count={siblings.length}
            busy={reorder.isPending}
            onMove={(to) => reorder.mutate({ kind: 'categories', ids: moved(siblings, index, to) })}
            onRename={() => onEdit(categoryTarget(category), 'rename')}
            onDelete={() => onEdit(categoryTarget(category), 'delete')}
          />
        </Group>
        {category.subcategories.map((sub, i) => (
          <Paper
            key={sub.id}
            withBorder
            p="sm"
            bg="var(--mantine-color-gray-0)"
            component="section"
            aria-label={`Subcategory ${sub.name}`}
          >
            <Stack gap="xs">
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Title order={3} fz="md" style={{ wordBreak: 'break-word' }}>
                  {sub.name}
                </Title>
                <NodeActions
                  what={`subcategory ${sub.name}`}
                  index={i}
                  count={subIds.length}
                  busy={reorder.isPending}
                  onMove={(to) =>
                    reorder.mutate({
                      kind: 'subcategories',
                      parent_id: category.id,
                      ids: moved(subIds, i, to),
                    })
                  }
                  onRename={() => onEdit(subcategoryTarget(sub), 'rename')}
                  onDelete={() => onEdit(subcategoryTarget(sub), 'delete')}
                />
              </Group>
              <PostRows
                membershipId={membershipId}
                subcategoryId={sub.id}
                posts={sub.posts}
                levels={levels}
              />
              <Group>
                <ButtonLink
                  to="/memberships/$id/posts/new"
                  params={{ id: String(membershipId) }}
                  search={{ subcategory: sub.id }}
                  size="xs"
                  variant="light"
                  leftSection={<IconPlus size={14} aria-hidden />}
                  aria-label={`Add post to ${sub.name}`}
                >
                  Add post
                </ButtonLink>
              </Group>
            </Stack>
          </Paper>
        ))}
        <AddNameForm
          label={`New subcategory in ${category.name}`}
          button="Add subcategory"
          formLabel={`Add subcategory to ${category.name}`}
          placeholder="e.g. Week 1"
          onAdd={(name) => addSub.mutateAsync({ category_id: category.id, name })}
        />
      </Stack>
    </Card>
  );
}

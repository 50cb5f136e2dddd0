import { Card, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFolders } from '@tabler/icons-react';
import { useState } from 'react';
import { messageOf } from '../../../api/errors';
import {
  useCreateCategory,
  useDeleteCategory,
  useDeleteSubcategory,
  useRenameCategory,
  useRenameSubcategory,
  useTree,
} from '../../../api/membershipContent';
import type { Membership } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { AddNameForm } from './AddNameForm';
import { CategoryCard } from './CategoryCard';
import { DeleteNodeModal, type NodeTarget, RenameNodeModal } from './NodeModals';

function EmptyTree() {
  return (
    <Stack align="center" gap="sm" py={32} ta="center">
      <ThemeIcon size={48} radius="xl" variant="light" color="gray">
        <IconFolders size={24} aria-hidden />
      </ThemeIcon>
      <Title order={2} fz="lg">
        No content yet
      </Title>
      <Text c="dimmed" fz="sm" maw={460}>
        Content is organised as categories, subcategories and posts. Start with a category, e.g. “Module 1”,
        then add a subcategory and its first post.
      </Text>
    </Stack>
  );
}

/** The content tree: categories > subcategories > posts, each movable up and down. */
export function ContentTab({ membership }: { membership: Membership }) {
  const id = membership.id;
  const tree = useTree(id);
  const addCategory = useCreateCategory(id);
  const renameCategory = useRenameCategory(id);
  const renameSub = useRenameSubcategory(id);
  const deleteCategory = useDeleteCategory(id);
  const deleteSub = useDeleteSubcategory(id);
  const [renaming, setRenaming] = useState<NodeTarget | null>(null);
  const [deleting, setDeleting] = useState<NodeTarget | null>(null);

  const onEdit = (target: NodeTarget, action: 'rename' | 'delete') =>
    action === 'rename' ? setRenaming(target) : setDeleting(target);
  const rename = (t: NodeTarget, name: string) =>
    t.kind === 'category'
      ? renameCategory.mutateAsync({ categoryId: t.id, name })
      : renameSub.mutateAsync({ subcategoryId: t.id, name });
  const remove = (t: NodeTarget) =>
    t.kind === 'category' ? deleteCategory.mutateAsync(t.id) : deleteSub.mutateAsync(t.id);

  const categories = tree.data?.categories ?? [];
  const ids = categories.map((c) => c.id);
  return (
    <Stack gap="lg">
      {tree.isPending ? (
        <Skeleton h={160} role="status" aria-label="Loading content" />
      ) : tree.isError ? (
        <FormAlert message={messageOf(tree.error)} />
      ) : categories.length === 0 ? (
        <Card>
          <EmptyTree />
        </Card>
      ) : (
        categories.map((c, i) => (
          <CategoryCard
            key={c.id}
            membershipId={id}
            category={c}
            index={i}
            siblings={ids}
            levels={membership.levels}
            onEdit={onEdit}
          />
        ))
      )}
      <Card>
        <AddNameForm
          label="New category"
          button="Add category"
          placeholder={`e.g. Module ${categories.length + 1}`}
          onAdd={async (name) => {
            await addCategory.mutateAsync(name);
            notifications.show({ color: 'teal', title: 'Category added', message: name });
          }}
        />
      </Card>
      <RenameNodeModal target={renaming} onClose={() => setRenaming(null)} onRename={rename} />
      <DeleteNodeModal target={deleting} onClose={() => setDeleting(null)} onDelete={remove} />
    </Stack>
  );
}

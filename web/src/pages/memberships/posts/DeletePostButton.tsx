import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { messageOf } from '../../../api/errors';
import { useDeletePost } from '../../../api/membershipContent';
import type { Post } from '../../../api/types';

export function DeletePostButton({ membershipId, post }: { membershipId: number; post: Post }) {
  const [opened, modal] = useDisclosure(false);
  const remove = useDeletePost(membershipId);
  const navigate = useNavigate();
  const confirm = () =>
    remove.mutate(post.id, {
      onSuccess: async () => {
        notifications.show({ color: 'teal', title: 'Post deleted', message: post.title });
        modal.close();
        await navigate({ to: '/memberships/$id', params: { id: String(membershipId) } });
      },
      onError: (e) => notifications.show({ color: 'red', title: 'Could not delete', message: messageOf(e) }),
    });
  return (
    <>
      <Button
        variant="light"
        color="red"
        leftSection={<IconTrash size={16} aria-hidden />}
        onClick={modal.open}
      >
        Delete post
      </Button>
      <Modal opened={opened} onClose={modal.close} title="Delete this post?" centered>
        <Stack gap="md">
          <Text fz="sm">
            <b>{post.title}</b> and its {post.files.length === 1 ? 'file' : 'files'} are deleted. This can't
            be undone.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={modal.close}>
              Cancel
            </Button>
            <Button color="red" onClick={confirm} loading={remove.isPending}>
              Delete post
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

import { ActionIcon, Anchor, FileInput, Group, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPaperclip, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { messageOf } from '../../../api/errors';
import { fileUrl, useDeleteFile, useUploadFile } from '../../../api/membershipContent';
import type { Post } from '../../../api/types';
import { SectionCard } from '../../settings/SectionCard';

const size = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${Math.round(n / 1024)} KB` : `${(n / 1024 ** 2).toFixed(1)} MB`;

/** Files members may download from the post (checked against their level on every download). */
export function PostFiles({ membershipId, post }: { membershipId: number; post: Post | undefined }) {
  return (
    <SectionCard title="Downloads" description="Members download these from the post; up to 512 MB each.">
      {post ? (
        <FileList membershipId={membershipId} post={post} />
      ) : (
        <Text fz="sm" c="dimmed">
          Save the post first, then attach files.
        </Text>
      )}
    </SectionCard>
  );
}

function FileList({ membershipId, post }: { membershipId: number; post: Post }) {
  const upload = useUploadFile(membershipId, post.id);
  const remove = useDeleteFile(membershipId, post.id);
  const [error, setError] = useState<string | null>(null);
  const add = (file: File | null) => {
    if (!file) return;
    setError(null);
    upload.mutate(file, {
      onSuccess: (f) => notifications.show({ color: 'teal', title: 'File attached', message: f.file_name }),
      onError: (e) => setError(messageOf(e)),
    });
  };
  return (
    <Stack gap="sm">
      {post.files.length > 0 && (
        <Stack gap={4} role="list" aria-label="Files">
          {post.files.map((f) => (
            <Group key={f.id} role="listitem" justify="space-between" wrap="nowrap" gap="xs">
              <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                <IconPaperclip size={16} aria-hidden />
                <Anchor href={fileUrl(membershipId, post.id, f.id)} download fz="sm" truncate>
                  {f.file_name}
                </Anchor>
                <Text fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {size(f.size)}
                </Text>
              </Group>
              <Tooltip label="Remove" withArrow>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Remove file ${f.file_name}`}
                  disabled={remove.isPending}
                  onClick={() =>
                    remove.mutate(f.id, {
                      onError: (e) =>
                        notifications.show({
                          color: 'red',
                          title: 'Could not remove',
                          message: messageOf(e),
                        }),
                    })
                  }
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Tooltip>
            </Group>
          ))}
        </Stack>
      )}
      <FileInput
        label="Add a download"
        placeholder={upload.isPending ? 'Uploading…' : 'Choose a file'}
        value={null}
        onChange={add}
        disabled={upload.isPending}
        error={error}
        clearable={false}
      />
    </Stack>
  );
}

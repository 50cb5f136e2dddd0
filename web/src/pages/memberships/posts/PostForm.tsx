import {
  Alert,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useCreatePost, useUpdatePost } from '../../../api/membershipContent';
import type { Membership, Post, Tree } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { applyServerError } from '../../../lib/serverErrors';
import { SectionCard } from '../../settings/SectionCard';
import { BodyEditor } from './BodyEditor';
import { PostFiles } from './PostFiles';
import {
  blankPost,
  type PostValues,
  postValues,
  subcategoryOptions,
  toPostBody,
  validatePost,
} from './postForm';

type Props = { membership: Membership; tree: Tree; post?: Post; subcategoryId?: number };

/** Title, body, video; where it sits, who may read it, when it opens; its downloads. */
export function PostForm({ membership, tree, post, subcategoryId }: Props) {
  const create = useCreatePost(membership.id);
  const update = useUpdatePost(membership.id, post?.id ?? 0);
  const navigate = useNavigate();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<PostValues>({
    initialValues: post ? postValues(post) : blankPost(subcategoryId),
    validate: validatePost,
  });

  const submit = form.onSubmit(async (v) => {
    setFormError(null);
    try {
      if (post) {
        const saved = await update.mutateAsync(toPostBody(v));
        form.setValues(postValues(saved));
        form.resetDirty();
        notifications.show({ color: 'teal', title: 'Post saved', message: saved.title });
      } else {
        const saved = await create.mutateAsync(toPostBody(v));
        notifications.show({ color: 'teal', title: 'Post created', message: saved.title });
        await navigate({
          to: '/memberships/$id/posts/$postId',
          params: { id: String(membership.id), postId: String(saved.id) },
          replace: true,
        });
      }
    } catch (e) {
      setFormError(applyServerError(form, e));
    }
  });

  const values = form.getValues();
  const body = form.getInputProps('body');
  return (
    <form onSubmit={submit} noValidate aria-label="Post">
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Card>
            <Stack gap="md">
              <TextInput label="Title" required maxLength={120} {...form.getInputProps('title')} />
              <BodyEditor
                value={values.body}
                onChange={(v) => form.setFieldValue('body', v)}
                error={body.error}
              />
              <TextInput
                label="Video URL"
                description="A YouTube, Vimeo, Wistia or Loom link, or an https link to an .mp4 or .webm file. Shown above the body."
                placeholder="https://www.youtube.com/watch?v=…"
                {...form.getInputProps('video_url')}
              />
              {post?.video_embed_url && (
                <Text fz="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                  Embedded from {post.video_embed_url}
                </Text>
              )}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="lg">
            <SectionCard title="Publishing">
              <Select
                label="Subcategory"
                required
                data={subcategoryOptions(tree)}
                allowDeselect={false}
                {...form.getInputProps('subcategory_id')}
              />
              <Checkbox.Group
                label="Levels that may read it"
                description="A member sees the post only if their level is ticked."
                {...form.getInputProps('level_ids')}
              >
                <Stack gap={6} mt="xs">
                  {membership.levels.map((l) => (
                    <Checkbox key={l.id} value={String(l.id)} label={l.name} />
                  ))}
                </Stack>
              </Checkbox.Group>
              {values.level_ids.length === 0 && (
                <Alert color="yellow" variant="light" p="xs">
                  <Text fz="xs">No level is ticked: no member can read this post yet.</Text>
                </Alert>
              )}
              <NumberInput
                label="Release after (days)"
                description="Counted from the day the member got access; 0 opens it at once."
                min={0}
                max={3650}
                allowDecimal={false}
                allowNegative={false}
                {...form.getInputProps('release_after_days')}
              />
            </SectionCard>
            <PostFiles membershipId={membership.id} post={post} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={12}>
          <Stack gap="sm">
            <FormAlert message={formError} />
            <Group justify="flex-end">
              <Button type="submit" loading={create.isPending || update.isPending}>
                {post ? 'Save post' : 'Create post'}
              </Button>
            </Group>
          </Stack>
        </Grid.Col>
      </Grid>
    </form>
  );
}

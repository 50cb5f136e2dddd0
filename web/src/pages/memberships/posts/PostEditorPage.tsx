import { Container, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { ApiError, messageOf } from '../../../api/errors';
import { usePost, useTree } from '../../../api/membershipContent';
import { useMembership } from '../../../api/memberships';
import { FormAlert } from '../../../components/FormAlert';
import { PageLoader } from '../../../components/PageLoader';
import { AnchorLink } from '../../../components/RouterLinks';
import { formatDateTime } from '../../../lib/format';
import { DeletePostButton } from './DeletePostButton';
import { PostForm } from './PostForm';

function BackLink({ id, name }: { id: number; name?: string }) {
  return (
    <AnchorLink to="/memberships/$id" params={{ id: String(id) }} fz="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden /> {name ? `${name}: content` : 'Content'}
      </Group>
    </AnchorLink>
  );
}

function Failed({ id, error, what }: { id: number; error: unknown; what: string }) {
  const gone = error instanceof ApiError && error.status === 404;
  return (
    <Container size="sm" px={0}>
      <Stack gap="md">
        <BackLink id={id} />
        <Title order={1} fz={28}>
          {gone ? `${what} not found` : `Could not load the ${what.toLowerCase()}`}
        </Title>
        <FormAlert message={gone ? 'It may have been deleted.' : messageOf(error)} />
      </Stack>
    </Container>
  );
}

/** `/memberships/$id/posts/new?subcategory=`: a new post in that subcategory. */
export function NewPostPage({ id, subcategoryId }: { id: number; subcategoryId?: number }) {
  const membership = useMembership(id);
  const tree = useTree(id);
  if (membership.isPending || tree.isPending) return <PageLoader />;
  if (membership.isError) return <Failed id={id} error={membership.error} what="Membership" />;
  if (tree.isError) return <Failed id={id} error={tree.error} what="Membership" />;
  return (
    <Container size="xl" px={0}>
      <Stack gap="lg">
        <Stack gap="xs">
          <BackLink id={id} name={membership.data.name} />
          <Title order={1} fz={28}>
            New post
          </Title>
        </Stack>
        <PostForm membership={membership.data} tree={tree.data} subcategoryId={subcategoryId} />
      </Stack>
    </Container>
  );
}

/** `/memberships/$id/posts/$postId`: change a post, attach files, delete it. */
export function PostEditorPage({ id, postId }: { id: number; postId: number }) {
  const membership = useMembership(id);
  const tree = useTree(id);
  const post = usePost(id, postId);
  if (membership.isPending || tree.isPending || post.isPending) return <PageLoader />;
  if (membership.isError) return <Failed id={id} error={membership.error} what="Membership" />;
  if (tree.isError) return <Failed id={id} error={tree.error} what="Membership" />;
  if (post.isError) return <Failed id={id} error={post.error} what="Post" />;
  const p = post.data;
  return (
    <Container size="xl" px={0}>
      <Stack gap="lg">
        <Stack gap="xs">
          <BackLink id={id} name={membership.data.name} />
          <Group justify="space-between" align="flex-start" gap="md">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Title order={1} fz={28} style={{ wordBreak: 'break-word' }}>
                {p.title}
              </Title>
              <Text c="dimmed" fz="sm">
                Last changed {formatDateTime(p.updated_at)}
              </Text>
            </Stack>
            <DeletePostButton membershipId={id} post={p} />
          </Group>
        </Stack>
        <PostForm key={p.id} membership={membership.data} tree={tree.data} post={p} />
      </Stack>
    </Container>
  );
}

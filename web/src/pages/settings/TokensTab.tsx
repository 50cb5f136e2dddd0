import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Modal,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { messageOf } from '../../api/errors';
import { useCreateToken, useDeleteToken, useTokens } from '../../api/tokens';
import type { NewToken, TokenList } from '../../api/types';
import { FormAlert } from '../../components/FormAlert';
import { SecretValue } from '../../components/SecretValue';
import { formatDateTime } from '../../lib/format';
import { applyServerError } from '../../lib/serverErrors';
import { SectionCard } from './SectionCard';

type Token = TokenList['tokens'][number];

function CreateTokenForm({ onCreated }: { onCreated: (t: NewToken) => void }) {
  const create = useCreateToken();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { name: '' },
    validate: { name: (v) => (v.trim() ? null : 'Name the token after the script or tool that uses it') },
  });
  const submit = form.onSubmit(async ({ name }) => {
    setFormError(null);
    try {
      onCreated(await create.mutateAsync(name.trim()));
      form.reset();
    } catch (e) {
      setFormError(applyServerError(form, e));
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Create token">
      <Stack gap="sm">
        <Group align="flex-start" gap="sm" wrap="nowrap">
          <TextInput
            label="Token name"
            placeholder="e.g. Zapier, backup script"
            style={{ flex: 1 }}
            key={form.key('name')}
            {...form.getInputProps('name')}
          />
          <Button type="submit" mt={25} loading={create.isPending}>
            Create token
          </Button>
        </Group>
        <FormAlert message={formError} />
      </Stack>
    </form>
  );
}

/** The only time a token's secret is visible: the server stores just its hash. */
function NewTokenModal({ token, onClose }: { token: NewToken | null; onClose: () => void }) {
  return (
    <Modal opened={token !== null} onClose={onClose} title="Your new API token" centered size="lg">
      {token && (
        <Stack gap="md">
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />}>
            Copy it now: you won't be able to see it again.
          </Alert>
          <SecretValue value={token.token} label="API token" />
          <Text fz="sm" c="dimmed">
            Send it as <code>Authorization: Bearer &lt;token&gt;</code> to any <code>/api/v1</code> route.
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function DeleteTokenModal({ token, onClose }: { token: Token | null; onClose: () => void }) {
  const remove = useDeleteToken();
  const onConfirm = () => {
    if (!token) return;
    remove.mutate(token.id, {
      onSuccess: () => {
        notifications.show({
          color: 'teal',
          title: 'Token deleted',
          message: `“${token.name}” no longer works.`,
        });
        onClose();
      },
      onError: (e) =>
        notifications.show({ color: 'red', title: 'Could not delete the token', message: messageOf(e) }),
    });
  };
  return (
    <Modal opened={token !== null} onClose={onClose} title="Delete API token?" centered>
      <Stack gap="md">
        <Text fz="sm">
          Scripts using <b>{token?.name}</b> stop working at once. This can't be undone.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" onClick={onConfirm} loading={remove.isPending}>
            Delete token
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function TokenTable({ tokens, onDelete }: { tokens: Token[]; onDelete: (t: Token) => void }) {
  if (tokens.length === 0) {
    return (
      <Text c="dimmed" fz="sm" ta="center" py="md">
        No tokens yet.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table verticalSpacing="sm" aria-label="API tokens">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tokens.map((t) => (
            <Table.Tr key={t.id}>
              <Table.Td fw={500}>{t.name}</Table.Td>
              <Table.Td>{formatDateTime(t.created_at)}</Table.Td>
              <Table.Td>{formatDateTime(t.last_used_at)}</Table.Td>
              <Table.Td ta="right">
                <Tooltip label="Delete" withArrow>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    onClick={() => onDelete(t)}
                    aria-label={`Delete token ${t.name}`}
                  >
                    <IconTrash size={18} />
                  </ActionIcon>
                </Tooltip>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function TokensTab() {
  const tokens = useTokens();
  const [created, setCreated] = useState<NewToken | null>(null);
  const [deleting, setDeleting] = useState<Token | null>(null);

  return (
    <SectionCard
      title="API tokens"
      description="Personal access tokens let your scripts call the Atrium API as you. Treat them like passwords."
    >
      <CreateTokenForm onCreated={setCreated} />
      {tokens.isPending ? (
        <Skeleton h={120} aria-label="Loading tokens" />
      ) : tokens.isError ? (
        <FormAlert message={messageOf(tokens.error)} />
      ) : (
        <TokenTable tokens={tokens.data.tokens} onDelete={setDeleting} />
      )}
      <NewTokenModal token={created} onClose={() => setCreated(null)} />
      <DeleteTokenModal token={deleting} onClose={() => setDeleting(null)} />
    </SectionCard>
  );
}

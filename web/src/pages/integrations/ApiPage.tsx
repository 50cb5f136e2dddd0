import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { messageOf } from '../../api/errors';
import {
  type ApiApp,
  type NewCredentials,
  useApps,
  useCredentials,
  usePatchApp,
  useRegenerateCredentials,
  useRegisterApp,
  useSetRestrictApps,
} from '../../api/integrations';
import { FormAlert } from '../../components/FormAlert';
import { SecretValue } from '../../components/SecretValue';
import { formatDateTime } from '../../lib/format';
import { applyServerError } from '../../lib/serverErrors';
import { SectionCard } from '../settings/SectionCard';
import { IntegrationsFrame } from './IntegrationsFrame';

const endpoint = () => `${window.location.origin}/api`;

/** The only time the pair is visible: the server keeps just their hashes. */
function NewCredentialsModal({
  creds,
  replaced,
  onClose,
}: {
  creds: NewCredentials | null;
  replaced: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={creds !== null} onClose={onClose} title="Your new API key and password" centered size="lg">
      {creds && (
        <Stack gap="md">
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />}>
            Copy both now: you won't be able to see them again.
            {replaced && ' The previous pair has stopped working.'}
          </Alert>
          <Text fz="sm" fw={500}>
            API key
          </Text>
          <SecretValue value={creds.api_key} label="API key" />
          <Text fz="sm" fw={500}>
            API password
          </Text>
          <SecretValue value={creds.api_password} label="API password" />
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function CredentialsSection() {
  const creds = useCredentials();
  const regenerate = useRegenerateCredentials();
  const restrict = useSetRestrictApps();
  const [shown, setShown] = useState<NewCredentials | null>(null);
  const [replaced, setReplaced] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const run = () =>
    regenerate.mutate(undefined, {
      onSuccess: (c) => {
        setReplaced(creds.data?.configured === true);
        setConfirming(false);
        setShown(c);
      },
      onError: (e) =>
        notifications.show({ color: 'red', title: 'Could not make a new key', message: messageOf(e) }),
    });
  return (
    <SectionCard
      title="API key and password"
      description={
        <>
          Tools built for Kartra (CheckoutJoy, WP Fusion, form plugins, connectors) work with Atrium: give
          them the address <code>{endpoint()}</code> instead of <code>https://app.kartra.com/api</code>, with
          this key and password. Their app id is theirs; Atrium records each one it sees below.
        </>
      }
    >
      {creds.isPending ? (
        <Skeleton h={60} />
      ) : creds.isError ? (
        <FormAlert message={messageOf(creds.error)} />
      ) : (
        <Stack gap="sm">
          {creds.data.configured ? (
            <Table withRowBorders={false} w="auto" aria-label="API credentials">
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th>API key</Table.Th>
                  <Table.Td>
                    <code>{creds.data.api_key}</code>
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>API password</Table.Th>
                  <Table.Td>
                    <code>{creds.data.api_password}</code>
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Made</Table.Th>
                  <Table.Td>{creds.data.created_at ? formatDateTime(creds.data.created_at) : ''}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          ) : (
            <Text fz="sm">No API key yet. Make one to connect a tool.</Text>
          )}
          <Group>
            <Button
              leftSection={<IconRefresh size={16} aria-hidden />}
              variant={creds.data.configured ? 'default' : 'filled'}
              loading={regenerate.isPending}
              onClick={() => (creds.data.configured ? setConfirming(true) : run())}
            >
              {creds.data.configured ? 'Regenerate key and password' : 'Make API key and password'}
            </Button>
          </Group>
          {creds.data.configured && (
            <Switch
              label="Only registered apps may call"
              description="Off: any app id is accepted and listed below as seen. On: calls from other app ids are refused (Kartra's error 239)."
              checked={creds.data.restrict_apps}
              disabled={restrict.isPending}
              onChange={(e) =>
                restrict.mutate(e.currentTarget.checked, {
                  onError: (err) =>
                    notifications.show({ color: 'red', title: 'Not changed', message: messageOf(err) }),
                })
              }
            />
          )}
        </Stack>
      )}
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title="Regenerate the API key?"
        centered
      >
        <Stack gap="md">
          <Text fz="sm">
            Every tool using the current key and password stops working at once, until you give it the new
            pair.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button color="red" onClick={run} loading={regenerate.isPending}>
              Regenerate
            </Button>
          </Group>
        </Stack>
      </Modal>
      <NewCredentialsModal creds={shown} replaced={replaced} onClose={() => setShown(null)} />
    </SectionCard>
  );
}

const STATUS_COLORS: Record<ApiApp['status'], string> = { seen: 'gray', registered: 'teal', blocked: 'red' };

function RegisterAppForm() {
  const register = useRegisterApp();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { app_id: '', name: '' },
    validate: { app_id: (v) => (v.trim() ? null : 'Enter the app id the tool sends') },
  });
  const submit = form.onSubmit(async ({ app_id, name }) => {
    setFormError(null);
    try {
      await register.mutateAsync({ app_id: app_id.trim(), name: name.trim() || null });
      form.reset();
    } catch (e) {
      setFormError(applyServerError(form, e));
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Register an app">
      <Stack gap="xs">
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label="App id"
            placeholder="e.g. the tool's app id"
            key={form.key('app_id')}
            {...form.getInputProps('app_id')}
          />
          <TextInput
            label="Name (optional)"
            placeholder="e.g. CheckoutJoy"
            key={form.key('name')}
            {...form.getInputProps('name')}
          />
          <Button type="submit" mt={25} loading={register.isPending}>
            Register app
          </Button>
        </Group>
        <FormAlert message={formError} />
      </Stack>
    </form>
  );
}

function AppsSection() {
  const apps = useApps();
  const patch = usePatchApp();
  return (
    <SectionCard
      title="Apps"
      description="Every app id that called with your key (seen), and the ones you registered. Block an app to refuse its calls (Kartra's error 240)."
    >
      {apps.isPending ? (
        <Skeleton h={60} />
      ) : apps.isError ? (
        <FormAlert message={messageOf(apps.error)} />
      ) : apps.data.length === 0 ? (
        <Text fz="sm" c="dimmed">
          No app has called yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" aria-label="Apps">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>App id</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Calls</Table.Th>
                <Table.Th>Refused</Table.Th>
                <Table.Th>Last call</Table.Th>
                <Table.Th>Change</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {apps.data.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Text fz="sm" fw={500}>
                      {a.name ?? a.app_id}
                    </Text>
                    {a.name && (
                      <Text fz="xs" c="dimmed">
                        {a.app_id}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={STATUS_COLORS[a.status]}>
                      {a.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{a.calls}</Table.Td>
                  <Table.Td>{a.refused}</Table.Td>
                  <Table.Td>{a.last_seen_at ? formatDateTime(a.last_seen_at) : 'never'}</Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`Status of ${a.app_id}`}
                      size="xs"
                      w={140}
                      data={[
                        { value: 'seen', label: 'Seen' },
                        { value: 'registered', label: 'Registered' },
                        { value: 'blocked', label: 'Blocked' },
                      ]}
                      value={a.status}
                      allowDeselect={false}
                      onChange={(v) =>
                        v &&
                        patch.mutate(
                          { id: a.id, status: v as ApiApp['status'] },
                          {
                            onError: (e) =>
                              notifications.show({
                                color: 'red',
                                title: 'Not changed',
                                message: messageOf(e),
                              }),
                          },
                        )
                      }
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <RegisterAppForm />
    </SectionCard>
  );
}

/** `/integrations`: the Kartra-compatible API's credentials and the apps that use them. */
export function ApiPage() {
  return (
    <IntegrationsFrame
      tab="api"
      description="Connect tools built for Kartra, and send your events to other systems."
    >
      <Stack gap="lg">
        <CredentialsSection />
        <AppsSection />
      </Stack>
    </IntegrationsFrame>
  );
}

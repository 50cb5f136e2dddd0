import {
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  Modal,
  ScrollArea,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useProducts } from '../../api/commerce';
import { messageOf } from '../../api/errors';
import {
  type Delivery,
  useCreateWebhook,
  useDeleteProductIpn,
  useDeleteWebhook,
  useDeliveries,
  usePatchWebhook,
  useProductIpn,
  usePutProductIpn,
  useRetryDelivery,
  useWebhooks,
  type Webhook,
  type WebhookEvent,
} from '../../api/integrations';
import { FormAlert } from '../../components/FormAlert';
import { SecretValue } from '../../components/SecretValue';
import { formatDateTime } from '../../lib/format';
import { applyServerError } from '../../lib/serverErrors';
import { SectionCard } from '../settings/SectionCard';
import { IntegrationsFrame } from './IntegrationsFrame';

const EVENTS: { value: WebhookEvent; label: string }[] = [
  { value: 'lead_created', label: 'Lead created' },
  { value: 'assign_tag', label: 'Tag assigned' },
  { value: 'unassign_tag', label: 'Tag removed' },
  { value: 'list_subscription', label: 'Subscribed to a list' },
  { value: 'list_unsubscription', label: 'Unsubscribed from a list' },
  { value: 'membership_granted', label: 'Membership granted' },
  { value: 'membership_revoked', label: 'Membership revoked' },
  { value: 'buy_product', label: 'Product bought' },
  { value: 'cancel_subscription', label: 'Subscription cancelled' },
  { value: 'refund_product', label: 'Order refunded' },
];
const labelOf = (e: string) => EVENTS.find((x) => x.value === e)?.label ?? e;

function WebhookForm({ onDone }: { onDone: () => void }) {
  const create = useCreateWebhook();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { url: '', events: ['assign_tag'] as WebhookEvent[] },
    validate: {
      url: (v) => (/^https?:\/\/\S+$/.test(v.trim()) ? null : 'Enter an address starting with https://'),
      events: (v) => (v.length ? null : 'Pick at least one event'),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setFormError(null);
    try {
      await create.mutateAsync({ url: v.url.trim(), events: v.events });
      onDone();
    } catch (e) {
      setFormError(applyServerError(form, e));
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Add a webhook">
      <Stack gap="md">
        <TextInput
          label="Address"
          placeholder="https://example.com/kartra-webhook"
          key={form.key('url')}
          {...form.getInputProps('url')}
        />
        <Checkbox.Group label="Events" key={form.key('events')} {...form.getInputProps('events')}>
          <Stack gap={6} mt="xs">
            {EVENTS.map((e) => (
              <Checkbox key={e.value} value={e.value} label={`${e.label} (${e.value})`} />
            ))}
          </Stack>
        </Checkbox.Group>
        <FormAlert message={formError} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Add webhook
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const DELIVERY_COLORS: Record<Delivery['status'], string> = {
  pending: 'blue',
  delivered: 'teal',
  failed: 'orange',
  dead: 'red',
};

function DeliveryLog() {
  const log = useDeliveries();
  const retry = useRetryDelivery();
  const [open, setOpen] = useState<Delivery | null>(null);
  return (
    <SectionCard
      title="Delivery log"
      description="Every post, newest first. A failed one is retried with growing delays for about an hour and a half; after the last try it is dead and can be sent again by hand."
    >
      {log.isPending ? (
        <Skeleton h={60} />
      ) : log.isError ? (
        <FormAlert message={messageOf(log.error)} />
      ) : log.data.deliveries.length === 0 ? (
        <Text fz="sm" c="dimmed">
          Nothing sent yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" aria-label="Deliveries">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Event</Table.Th>
                <Table.Th>Address</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Tries</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {log.data.deliveries.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{formatDateTime(d.created_at)}</Table.Td>
                  <Table.Td>{d.kind === 'ipn' ? `IPN: ${d.action}` : labelOf(d.action)}</Table.Td>
                  <Table.Td>
                    <Text fz="sm" lineClamp={1} maw={260}>
                      {d.url}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={DELIVERY_COLORS[d.status]}>
                      {d.status}
                      {d.response_status ? ` · ${d.response_status}` : ''}
                    </Badge>
                    {d.error && (
                      <Text fz="xs" c="dimmed" lineClamp={2} maw={280}>
                        {d.error}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{d.attempts}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="subtle" onClick={() => setOpen(d)}>
                        Payload
                      </Button>
                      {(d.status === 'failed' || d.status === 'dead') && (
                        <Button
                          size="xs"
                          variant="light"
                          loading={retry.isPending && retry.variables === d.id}
                          onClick={() =>
                            retry.mutate(d.id, {
                              onError: (e) =>
                                notifications.show({
                                  color: 'red',
                                  title: 'Not sent',
                                  message: messageOf(e),
                                }),
                            })
                          }
                        >
                          Send again
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={open !== null} onClose={() => setOpen(null)} title="What was posted" size="xl" centered>
        <ScrollArea.Autosize mah={480}>
          <Code block>{open ? prettyPayload(open) : ''}</Code>
        </ScrollArea.Autosize>
      </Modal>
    </SectionCard>
  );
}

function prettyPayload(d: Delivery): string {
  if (d.kind === 'ipn') return [...new URLSearchParams(d.payload)].map(([k, v]) => `${k} = ${v}`).join('\n');
  try {
    return JSON.stringify(JSON.parse(d.payload), null, 2);
  } catch {
    return d.payload;
  }
}

function WebhookRow({ hook }: { hook: Webhook }) {
  const patch = usePatchWebhook();
  const remove = useDeleteWebhook();
  const [showSecret, setShowSecret] = useState(false);
  return (
    <Table.Tr>
      <Table.Td>
        <Text fz="sm" fw={500} style={{ wordBreak: 'break-all' }}>
          {hook.url}
        </Text>
        <Button size="compact-xs" variant="subtle" px={0} onClick={() => setShowSecret((s) => !s)}>
          {showSecret ? 'Hide signing secret' : 'Show signing secret'}
        </Button>
        {showSecret && <SecretValue value={hook.secret} label="Signing secret" />}
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {hook.events.map((e) => (
            <Badge key={e} variant="light" color="gray" size="sm">
              {labelOf(e)}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <Switch
          aria-label={`Send to ${hook.url}`}
          checked={hook.active}
          onChange={(e) => patch.mutate({ id: hook.id, active: e.currentTarget.checked })}
        />
      </Table.Td>
      <Table.Td>
        <Button
          size="xs"
          variant="subtle"
          color="red"
          leftSection={<IconTrash size={14} aria-hidden />}
          loading={remove.isPending}
          onClick={() =>
            remove.mutate(hook.id, {
              onError: (e) =>
                notifications.show({ color: 'red', title: 'Not deleted', message: messageOf(e) }),
            })
          }
        >
          Delete
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

function IpnForm({
  productId,
  current,
  onDone,
}: {
  productId: number;
  current: { url: string; secret_key: string } | null;
  onDone: () => void;
}) {
  const put = usePutProductIpn();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { url: current?.url ?? '', secret_key: current?.secret_key ?? '' },
    validate: {
      url: (v) => (/^https?:\/\/\S+$/.test(v.trim()) ? null : 'Enter an address starting with https://'),
      secret_key: (v) =>
        !v.trim() || v.trim().length >= 8 ? null : 'At least 8 characters, or empty to have one made',
    },
  });
  const submit = form.onSubmit(async (v) => {
    setFormError(null);
    try {
      await put.mutateAsync({
        productId,
        url: v.url.trim(),
        ...(v.secret_key.trim() ? { secret_key: v.secret_key.trim() } : {}),
      });
      onDone();
    } catch (e) {
      setFormError(applyServerError(form, e));
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Payment notification">
      <Stack gap="md">
        <TextInput
          label="Address"
          placeholder="https://example.com/ipn.php"
          key={form.key('url')}
          {...form.getInputProps('url')}
        />
        <TextInput
          label="Secret key"
          description="Posted as secret_key with every notification; leave empty to have one made."
          key={form.key('secret_key')}
          {...form.getInputProps('secret_key')}
        />
        <FormAlert message={formError} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={put.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function IpnRow({ product }: { product: { id: number; name: string } }) {
  const ipn = useProductIpn(product.id);
  const remove = useDeleteProductIpn();
  const [editing, setEditing] = useState(false);
  return (
    <Table.Tr>
      <Table.Td>
        <Text fz="sm" fw={500}>
          {product.name}
        </Text>
      </Table.Td>
      <Table.Td>
        {ipn.isPending ? (
          <Skeleton h={20} />
        ) : ipn.data ? (
          <Stack gap={2}>
            <Text fz="sm" style={{ wordBreak: 'break-all' }}>
              {ipn.data.url}
            </Text>
            <Text fz="xs" c="dimmed">
              secret_key: <code>{ipn.data.secret_key}</code>
            </Text>
          </Stack>
        ) : (
          <Text fz="sm" c="dimmed">
            Not sent
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="light" onClick={() => setEditing(true)}>
            {ipn.data ? 'Change' : 'Set up'}
          </Button>
          {ipn.data && (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(product.id, {
                  onError: (e) =>
                    notifications.show({ color: 'red', title: 'Not removed', message: messageOf(e) }),
                })
              }
            >
              Stop
            </Button>
          )}
        </Group>
        <Modal
          opened={editing}
          onClose={() => setEditing(false)}
          title={`Payment notifications: ${product.name}`}
          centered
        >
          {editing && (
            <IpnForm productId={product.id} current={ipn.data ?? null} onDone={() => setEditing(false)} />
          )}
        </Modal>
      </Table.Td>
    </Table.Tr>
  );
}

function IpnSection() {
  const products = useProducts();
  return (
    <SectionCard
      title="Payment notifications (IPN)"
      description="Per product, Kartra's IPN: each sale, refund and cancellation is posted as a form with Kartra's variables and your secret_key; empty values are sent as N/A. Deliveries appear in the log below."
    >
      {products.isPending ? (
        <Skeleton h={40} />
      ) : products.isError ? (
        <FormAlert message={messageOf(products.error)} />
      ) : products.data.length === 0 ? (
        <Text fz="sm" c="dimmed">
          No products yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="sm" aria-label="Payment notifications">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Product</Table.Th>
                <Table.Th>Notification</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {products.data.map((p) => (
                <IpnRow key={p.id} product={p} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </SectionCard>
  );
}

/** `/integrations/webhooks`: outbound webhooks (Kartra's outbound API) and their delivery log. */
export function WebhooksPage() {
  const hooks = useWebhooks();
  const [adding, setAdding] = useState(false);
  return (
    <IntegrationsFrame
      tab="webhooks"
      description="Atrium posts Kartra's JSON {lead, action, action_details} to your addresses when these events happen, signed with an Atrium-Signature header."
    >
      <Stack gap="lg">
        <SectionCard
          title="Webhooks"
          description={
            <>
              Verify a post: <code>Atrium-Signature: t=…,v1=…</code> where v1 is the hex HMAC-SHA256 of{' '}
              <code>t + "." + body</code> with the webhook's signing secret.
            </>
          }
        >
          {hooks.isPending ? (
            <Skeleton h={60} />
          ) : hooks.isError ? (
            <FormAlert message={messageOf(hooks.error)} />
          ) : hooks.data.length === 0 ? (
            <Text fz="sm" c="dimmed">
              No webhooks yet.
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="sm" aria-label="Webhooks">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Address</Table.Th>
                    <Table.Th>Events</Table.Th>
                    <Table.Th>Active</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {hooks.data.map((h) => (
                    <WebhookRow key={h.id} hook={h} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Group>
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
              Add webhook
            </Button>
          </Group>
        </SectionCard>
        <IpnSection />
        <DeliveryLog />
      </Stack>
      <Modal opened={adding} onClose={() => setAdding(false)} title="Add a webhook" centered size="lg">
        <WebhookForm onDone={() => setAdding(false)} />
      </Modal>
    </IntegrationsFrame>
  );
}

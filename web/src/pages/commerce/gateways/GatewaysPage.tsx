import { Badge, Button, Code, Group, PasswordInput, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import {
  type Gateways,
  type StripeSettingsInput,
  useClearStripe,
  useGateways,
  useSaveStripe,
} from '../../../api/commerce';
import { messageOf } from '../../../api/errors';
import { FormAlert } from '../../../components/FormAlert';
import { SecretValue } from '../../../components/SecretValue';
import { applyServerError } from '../../../lib/serverErrors';
import { SectionCard } from '../../settings/SectionCard';
import { CommerceFrame } from '../CommerceFrame';

function SandboxCard({ sandbox }: { sandbox: Gateways['sandbox'] }) {
  return (
    <SectionCard
      title="Sandbox"
      description="The built-in test gateway: its pay page completes a payment by sending your account a signed webhook, exactly as an outside gateway would. No money moves. Use it for test purchases and demos."
    >
      <Stack gap={4}>
        <Text fz="sm" fw={500}>
          Webhook signing secret
        </Text>
        <SecretValue value={sandbox.secret} label="Sandbox signing secret" />
        <Text fz="xs" c="dimmed">
          Webhooks carry <Code>Atrium-Signature: t=…,v1=…</Code>, an HMAC-SHA256 of <Code>t.body</Code> with
          this secret.
        </Text>
      </Stack>
      <Stack gap={4}>
        <Text fz="sm" fw={500}>
          Webhook address
        </Text>
        <SecretValue value={sandbox.webhook_url} label="Sandbox webhook address" />
      </Stack>
    </SectionCard>
  );
}

function StripeCard({ stripe }: { stripe: Gateways['stripe'] }) {
  const save = useSaveStripe();
  const clear = useClearStripe();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { secret_key: '', publishable_key: stripe.publishable_key ?? '', webhook_secret: '' },
    validate: {
      secret_key: (v) =>
        !v || /^(sk|rk)_(test|live)_[A-Za-z0-9]+$/.test(v.trim())
          ? null
          : 'A Stripe secret key starts with sk_test_, sk_live_ or rk_',
      publishable_key: (v) =>
        !v || /^pk_(test|live)_[A-Za-z0-9]+$/.test(v.trim())
          ? null
          : 'A publishable key starts with pk_test_ or pk_live_',
      webhook_secret: (v) =>
        !v || /^whsec_[A-Za-z0-9]+$/.test(v.trim()) ? null : 'A webhook signing secret starts with whsec_',
    },
  });
  const submit = form.onSubmit(async (v) => {
    setFormError(null);
    // Fields left empty keep what is stored.
    const body: StripeSettingsInput = {};
    if (v.secret_key.trim()) body.secret_key = v.secret_key.trim();
    if (v.publishable_key.trim() && v.publishable_key.trim() !== stripe.publishable_key)
      body.publishable_key = v.publishable_key.trim();
    if (v.webhook_secret.trim()) body.webhook_secret = v.webhook_secret.trim();
    try {
      const saved = await save.mutateAsync(body);
      form.setValues({ secret_key: '', webhook_secret: '', publishable_key: saved.publishable_key ?? '' });
      form.resetDirty();
      notifications.show({ color: 'teal', title: 'Stripe settings saved', message: '' });
    } catch (e) {
      setFormError(applyServerError(form, e));
    }
  });
  return (
    <SectionCard
      title="Stripe"
      description="Card payments through Stripe Checkout. Keys are stored for this account only; secrets are never shown again."
    >
      <Group gap="xs">
        <Badge color={stripe.configured ? 'teal' : 'gray'} variant="light">
          {stripe.configured ? 'Connected' : 'Not set up'}
        </Badge>
        {stripe.mode && (
          <Badge color={stripe.mode === 'live' ? 'red' : 'blue'} variant="light">
            {stripe.mode === 'live' ? 'Live mode' : 'Test mode'}
          </Badge>
        )}
        {stripe.secret_key_last4 && <Text fz="sm">Secret key ends in {stripe.secret_key_last4}</Text>}
        <Text fz="sm" c={stripe.webhook_secret_set ? undefined : 'orange'}>
          {stripe.webhook_secret_set ? 'Webhook signing secret set' : 'No webhook signing secret yet'}
        </Text>
      </Group>
      <Stack gap={4}>
        <Text fz="sm" fw={500}>
          Webhook endpoint to add in Stripe
        </Text>
        <SecretValue value={stripe.webhook_url} label="Stripe webhook endpoint" />
        <Text fz="xs" c="dimmed">
          In the Stripe dashboard (Developers → Webhooks), add this endpoint with the events{' '}
          <Code>checkout.session.completed</Code>, <Code>checkout.session.async_payment_succeeded</Code>,{' '}
          <Code>checkout.session.async_payment_failed</Code>, <Code>checkout.session.expired</Code>,{' '}
          <Code>charge.refunded</Code>, <Code>customer.subscription.deleted</Code> and{' '}
          <Code>invoice.payment_failed</Code>, then paste its signing secret below.
        </Text>
      </Stack>
      <form onSubmit={submit} noValidate aria-label="Stripe keys">
        <Stack gap="md">
          <PasswordInput
            label="Secret key"
            placeholder={
              stripe.secret_key_last4 ? `Stored (…${stripe.secret_key_last4}); type to replace` : 'sk_test_…'
            }
            autoComplete="off"
            {...form.getInputProps('secret_key')}
          />
          <TextInput
            label="Publishable key"
            placeholder="pk_test_…"
            autoComplete="off"
            {...form.getInputProps('publishable_key')}
          />
          <PasswordInput
            label="Webhook signing secret"
            placeholder={stripe.webhook_secret_set ? 'Stored; type to replace' : 'whsec_…'}
            autoComplete="off"
            {...form.getInputProps('webhook_secret')}
          />
          <FormAlert message={formError} />
          <Group>
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              Save Stripe keys
            </Button>
            {stripe.configured && (
              <Button
                variant="subtle"
                color="red"
                loading={clear.isPending}
                onClick={() =>
                  clear.mutate(undefined, {
                    onSuccess: () =>
                      notifications.show({ color: 'teal', title: 'Stripe keys removed', message: '' }),
                    onError: (e) =>
                      notifications.show({ color: 'red', title: 'Could not remove', message: messageOf(e) }),
                  })
                }
              >
                Forget Stripe keys
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}

/** `/commerce/gateways`: the sandbox secret and the Stripe keys. */
export function GatewaysPage() {
  const gateways = useGateways();
  return (
    <CommerceFrame
      tab="gateways"
      description="Where payments happen. Each product picks its gateway; webhooks from both are verified and processed exactly once."
    >
      {gateways.isPending ? (
        <Stack gap="md" maw={860} role="status" aria-label="Loading gateways">
          <Skeleton h={160} />
          <Skeleton h={260} />
        </Stack>
      ) : gateways.isError ? (
        <FormAlert message={messageOf(gateways.error)} />
      ) : (
        <Stack gap="lg" maw={860}>
          <SandboxCard sandbox={gateways.data.sandbox} />
          <StripeCard key={String(gateways.data.stripe.configured)} stripe={gateways.data.stripe} />
        </Stack>
      )}
    </CommerceFrame>
  );
}

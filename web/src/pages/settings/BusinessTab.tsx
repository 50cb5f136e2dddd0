import { Button, Card, Group, Select, Skeleton, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useUpdateAccount } from '../../api/account';
import { useOptions } from '../../api/catalog';
import { messageOf } from '../../api/errors';
import { useAccount } from '../../api/session';
import type { AccountPatch, Options } from '../../api/types';
import { FormAlert } from '../../components/FormAlert';
import { applyServerError } from '../../lib/serverErrors';

export function BusinessTab() {
  const options = useOptions();
  if (options.isPending) {
    return (
      <Card aria-busy="true" aria-label="Loading business settings">
        <Stack>
          <Skeleton h={56} />
          <Skeleton h={56} />
        </Stack>
      </Card>
    );
  }
  if (options.isError) {
    return (
      <Card>
        <FormAlert message={messageOf(options.error)} />
      </Card>
    );
  }
  return <BusinessForm options={options.data} />;
}

function BusinessForm({ options }: { options: Options }) {
  const account = useAccount();
  const update = useUpdateAccount();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      currency: account.currency ?? '',
      checkout_language: account.checkout_language ?? 'auto',
    },
    validate: {
      currency: (v) => (v ? null : 'Pick a currency'),
      checkout_language: (v) => (v ? null : 'Pick a checkout language'),
    },
  });

  const currencies = options.currencies.map((c) => ({ value: c.code, label: `${c.code} — ${c.name}` }));
  // `auto` leads the list whether or not the server includes it among the languages.
  const languages = [
    { value: 'auto', label: "Automatic (the buyer's browser language)" },
    ...options.languages.filter((l) => l.code !== 'auto').map((l) => ({ value: l.code, label: l.name })),
  ];

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      // The choices come from GET /options, so they are the server's own codes.
      const saved = await update.mutateAsync(values as AccountPatch);
      form.setInitialValues({ currency: saved.currency, checkout_language: saved.checkout_language });
      form.resetDirty();
      notifications.show({
        color: 'teal',
        title: 'Business settings saved',
        message: 'New checkouts use them.',
      });
    } catch (e) {
      setFormError(applyServerError(form, e));
    }
  });

  return (
    <Card>
      <form onSubmit={submit} noValidate aria-label="Business settings">
        <Stack gap="md">
          <Select
            label="Currency"
            description="The default currency of your products and reports."
            data={currencies}
            searchable
            allowDeselect={false}
            required
            {...form.getInputProps('currency')}
          />
          <Select
            label="Checkout language"
            description="The language of your hosted checkout pages."
            data={languages}
            searchable
            allowDeselect={false}
            required
            {...form.getInputProps('checkout_language')}
          />
          <FormAlert message={formError} />
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending}>
              Save business settings
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

import { Button, Card, Grid, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { useUpdateAccount } from '../../api/account';
import { useAccount } from '../../api/session';
import type { Account } from '../../api/types';
import { FormAlert } from '../../components/FormAlert';
import { applyServerError } from '../../lib/serverErrors';
import { timeZoneOptions } from '../../lib/timeZones';

const FIELDS = [
  'name',
  'company',
  'phone',
  'address',
  'city',
  'state',
  'zip',
  'country',
  'timezone',
] as const;
type ProfileValues = Record<(typeof FIELDS)[number], string>;

const valuesOf = (a: Account): ProfileValues =>
  Object.fromEntries(FIELDS.map((f) => [f, a[f] ?? ''])) as ProfileValues;

export function ProfileTab() {
  const account = useAccount();
  const update = useUpdateAccount();
  const [formError, setFormError] = useState<string | null>(null);
  const zones = useMemo(() => timeZoneOptions(account.timezone), [account.timezone]);
  const form = useForm<ProfileValues>({
    initialValues: valuesOf(account),
    validate: { name: (v) => (v.trim() ? null : 'Enter your name') },
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    // Send only what changed: untouched fields are never re-validated against stricter rules.
    const changed = Object.fromEntries(
      FIELDS.filter((f) => form.isDirty(f)).map((f) => [f, values[f].trim()]),
    ) as Partial<ProfileValues>;
    try {
      const saved = await update.mutateAsync(changed);
      form.setInitialValues(valuesOf(saved));
      form.setValues(valuesOf(saved));
      form.resetDirty();
      notifications.show({ color: 'teal', title: 'Profile saved', message: 'Your details are up to date.' });
    } catch (e) {
      setFormError(applyServerError(form, e));
    }
  });

  const text = (field: keyof ProfileValues, label: string, autoComplete: string, required = false) => (
    <TextInput label={label} autoComplete={autoComplete} required={required} {...form.getInputProps(field)} />
  );

  return (
    <Card>
      <form onSubmit={submit} noValidate aria-label="Profile">
        <Stack gap="md">
          <Grid gutter="md">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label="Username"
                value={account.username}
                readOnly
                disabled
                description="Your username is your site's address and can't be changed."
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>{text('name', 'Full name', 'name', true)}</Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>{text('company', 'Company', 'organization')}</Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>{text('phone', 'Phone', 'tel')}</Grid.Col>
            <Grid.Col span={12}>{text('address', 'Address', 'street-address')}</Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>{text('city', 'City', 'address-level2')}</Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              {text('state', 'State / region', 'address-level1')}
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>{text('zip', 'ZIP / postal code', 'postal-code')}</Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>{text('country', 'Country', 'country-name')}</Grid.Col>
            <Grid.Col span={12}>
              <Select
                label="Time zone"
                placeholder="Pick your time zone"
                data={zones}
                searchable
                clearable
                nothingFoundMessage="No matching time zone"
                {...form.getInputProps('timezone')}
                onChange={(v) => form.setFieldValue('timezone', v ?? '')}
              />
            </Grid.Col>
          </Grid>
          <FormAlert message={formError} />
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending}>
              Save profile
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

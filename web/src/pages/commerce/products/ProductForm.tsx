import {
  ActionIcon,
  Button,
  Card,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { PriceInput, PriceInterval, PriceType, Product, ProductCreate } from '../../../api/commerce';
import type { Options } from '../../../api/types';
import { FormAlert } from '../../../components/FormAlert';
import { applyServerError } from '../../../lib/serverErrors';
import { NameAutocomplete } from '../../leads/NameAutocomplete';
import { SectionCard } from '../../settings/SectionCard';
import { fromMinor, toMinor } from '../format';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** The product's checkout language when it follows the account's setting (sent as null). */
const ACCOUNT_LANGUAGE = 'account';

type PriceRow = {
  key: string;
  id?: number;
  type: PriceType;
  amount: string;
  currency: string;
  interval: PriceInterval;
  interval_count: number;
  trial_days: number;
  installments: number;
  active: boolean;
};

export type ProductValues = {
  name: string;
  slug: string;
  description: string;
  image_url: string;
  tag: string;
  thank_you_url: string;
  gateway: 'sandbox' | 'stripe';
  checkout_language: string;
  ask_gdpr_consent: boolean;
  active: boolean;
  prices: PriceRow[];
};

let rowKey = 0;
const newRow = (currency: string, over: Partial<PriceRow> = {}): PriceRow => ({
  key: `row-${++rowKey}`,
  type: 'one_time',
  amount: '',
  currency,
  interval: 'month',
  interval_count: 1,
  trial_days: 0,
  installments: 3,
  active: true,
  ...over,
});

function initialValues(product: Product | undefined, currency: string): ProductValues {
  if (!product)
    return {
      name: '',
      slug: '',
      description: '',
      image_url: '',
      tag: '',
      thank_you_url: '',
      gateway: 'sandbox',
      checkout_language: ACCOUNT_LANGUAGE,
      ask_gdpr_consent: false,
      active: true,
      prices: [newRow(currency)],
    };
  return {
    name: product.name,
    slug: product.slug,
    description: product.description,
    image_url: product.image_url ?? '',
    tag: product.tag,
    thank_you_url: product.thank_you_url ?? '',
    gateway: product.gateway,
    checkout_language: product.checkout_language ?? ACCOUNT_LANGUAGE,
    ask_gdpr_consent: product.ask_gdpr_consent,
    active: product.active,
    prices: product.prices
      .filter((p) => p.active)
      .map((p) =>
        newRow(p.currency, {
          id: p.id,
          type: p.type,
          amount: fromMinor(p.amount, p.currency),
          interval: p.interval ?? 'month',
          interval_count: p.interval_count,
          trial_days: p.trial_days,
          installments: p.installments ?? 3,
        }),
      ),
  };
}

/** The API body: amounts in minor units, only the fields each price type has. */
export function toBody(v: ProductValues): ProductCreate {
  const prices: PriceInput[] = v.prices.map((p) => {
    const base = {
      ...(p.id ? { id: p.id } : {}),
      type: p.type,
      amount: toMinor(p.amount, p.currency) ?? 0,
      currency: p.currency as PriceInput['currency'],
      active: true,
    };
    if (p.type === 'one_time') return base;
    const recurring = { ...base, interval: p.interval, interval_count: p.interval_count };
    if (p.type === 'payment_plan') return { ...recurring, installments: p.installments };
    return { ...recurring, trial_days: p.trial_days };
  });
  return {
    name: v.name.trim(),
    ...(v.slug ? { slug: v.slug } : {}),
    description: v.description,
    image_url: v.image_url.trim() || null,
    tag: v.tag.trim(),
    thank_you_url: v.thank_you_url.trim() || null,
    gateway: v.gateway,
    checkout_language: (v.checkout_language === ACCOUNT_LANGUAGE
      ? null
      : v.checkout_language) as ProductCreate['checkout_language'],
    ask_gdpr_consent: v.ask_gdpr_consent,
    active: v.active,
    prices,
  };
}

const url = (v: string) => {
  if (!v.trim()) return null;
  try {
    const u = new URL(v.trim());
    return u.protocol === 'https:' || u.protocol === 'http:' ? null : 'Start the address with https://';
  } catch {
    return 'Enter a full web address, like https://example.com/thanks';
  }
};

const priceTypes = [
  { value: 'one_time', label: 'One-time' },
  { value: 'subscription', label: 'Subscription' },
  { value: 'payment_plan', label: 'Payment plan' },
];
const intervals = [
  { value: 'day', label: 'Day(s)' },
  { value: 'week', label: 'Week(s)' },
  { value: 'month', label: 'Month(s)' },
  { value: 'year', label: 'Year(s)' },
];

/**
 * Create or edit a product: what it is, the tag a purchase applies, its prices, and how its
 * hosted checkout looks (language, consent box, gateway).
 */
export function ProductForm({
  product,
  options,
  accountCurrency,
  accountLanguage,
  submitLabel,
  onSubmit,
}: {
  product?: Product;
  options: Options;
  accountCurrency: string;
  accountLanguage: string;
  submitLabel: string;
  onSubmit: (body: ProductCreate) => Promise<unknown>;
}) {
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const form = useForm<ProductValues>({
    initialValues: initialValues(product, accountCurrency),
    validate: {
      name: (v) => (v.trim() ? null : 'Name the product'),
      slug: (v) => (!v || SLUG.test(v) ? null : 'Use a-z, 0-9 and single dashes, e.g. gold-course'),
      tag: (v) => (v.trim() ? null : 'Name the tag a purchase applies, e.g. Gold'),
      image_url: url,
      thank_you_url: url,
      prices: {
        amount: (v, values, path) => {
          const index = Number(path.split('.')[1]);
          const row = values.prices[index];
          return row && toMinor(v, row.currency) !== null ? null : 'Enter an amount, like 49.00';
        },
      },
    },
  });

  const languageName = options.languages.find((l) => l.code === accountLanguage)?.name ?? accountLanguage;
  const languages = [
    { value: ACCOUNT_LANGUAGE, label: `As in account settings (${languageName})` },
    ...options.languages.map((l) => ({
      value: l.code,
      label: l.code === 'auto' ? 'The visitor’s language (auto)' : l.name,
    })),
  ];
  const currencies = options.currencies.map((c) => ({ value: c.code, label: c.code }));

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    setSaving(true);
    try {
      await onSubmit(toBody(values));
      form.resetDirty();
    } catch (e) {
      setFormError(applyServerError(form, e, { slug_taken: 'slug' }));
    } finally {
      setSaving(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Product">
      <Stack gap="lg" maw={860}>
        <SectionCard title="Product">
          <TextInput label="Name" required maxLength={200} {...form.getInputProps('name')} />
          <NameAutocomplete
            kind="tags"
            label="Tag applied on purchase"
            description="Matched by exact name and created when missing. An automation that reacts to this tag can grant membership access; cancelling or refunding removes it."
            required
            {...form.getInputProps('tag')}
          />
          <Textarea
            label="Description"
            description="Shown on the checkout page."
            autosize
            minRows={2}
            maxLength={10_000}
            {...form.getInputProps('description')}
          />
          <TextInput
            label="Image address"
            placeholder="https://…"
            maxLength={2000}
            {...form.getInputProps('image_url')}
          />
          <TextInput
            label="Thank-you page"
            description="Where buyers go after paying. Leave empty for the built-in thank-you page."
            placeholder="https://…"
            maxLength={2000}
            {...form.getInputProps('thank_you_url')}
          />
          <Switch
            label="On sale"
            description="An inactive product's checkout says it cannot be bought right now."
            {...form.getInputProps('active', { type: 'checkbox' })}
          />
        </SectionCard>

        <SectionCard
          title="Prices"
          description="Buyers choose one on the checkout page. Amounts are in the price's currency."
        >
          {form.values.prices.map((p, i) => (
            <Card key={p.key} withBorder p="md" component="fieldset" aria-label={`Price ${i + 1}`}>
              <Stack gap="sm">
                <Group align="flex-end" gap="sm" wrap="wrap">
                  <Select
                    label="Type"
                    data={priceTypes}
                    allowDeselect={false}
                    w={160}
                    {...form.getInputProps(`prices.${i}.type`)}
                  />
                  <TextInput
                    label="Amount"
                    inputMode="decimal"
                    w={140}
                    required
                    {...form.getInputProps(`prices.${i}.amount`)}
                  />
                  <Select
                    label="Currency"
                    data={currencies}
                    allowDeselect={false}
                    searchable
                    w={110}
                    {...form.getInputProps(`prices.${i}.currency`)}
                  />
                  {p.type !== 'one_time' && (
                    <>
                      <NumberInput
                        label="Every"
                        min={1}
                        max={365}
                        w={90}
                        allowDecimal={false}
                        {...form.getInputProps(`prices.${i}.interval_count`)}
                      />
                      <Select
                        label="Interval"
                        data={intervals}
                        allowDeselect={false}
                        w={130}
                        {...form.getInputProps(`prices.${i}.interval`)}
                      />
                    </>
                  )}
                  {p.type === 'subscription' && (
                    <NumberInput
                      label="Free trial (days)"
                      min={0}
                      max={730}
                      w={140}
                      allowDecimal={false}
                      {...form.getInputProps(`prices.${i}.trial_days`)}
                    />
                  )}
                  {p.type === 'payment_plan' && (
                    <NumberInput
                      label="Installments"
                      min={2}
                      max={120}
                      w={120}
                      allowDecimal={false}
                      {...form.getInputProps(`prices.${i}.installments`)}
                    />
                  )}
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    mb={2}
                    disabled={form.values.prices.length === 1}
                    onClick={() => form.removeListItem('prices', i)}
                    aria-label={`Remove price ${i + 1}`}
                  >
                    <IconTrash size={18} />
                  </ActionIcon>
                </Group>
              </Stack>
            </Card>
          ))}
          <Group>
            <Button
              variant="default"
              leftSection={<IconPlus size={16} aria-hidden />}
              disabled={form.values.prices.length >= 10}
              onClick={() => form.insertListItem('prices', newRow(accountCurrency))}
            >
              Add a price
            </Button>
          </Group>
        </SectionCard>

        <SectionCard title="Checkout" description="The hosted checkout page on your site and how it is paid.">
          <TextInput
            label="Address"
            description={
              product
                ? 'Links you shared stop working when it changes.'
                : 'Left empty, it is made from the name.'
            }
            maxLength={60}
            leftSection={
              <Text fz="sm" c="dimmed">
                /checkout/
              </Text>
            }
            leftSectionWidth={84}
            {...form.getInputProps('slug')}
          />
          <Select
            label="Checkout language"
            description="With auto, each visitor sees the page in their browser’s language (24 languages), falling back to your account’s."
            data={languages}
            allowDeselect={false}
            searchable
            {...form.getInputProps('checkout_language')}
          />
          <Switch
            label="Ask for GDPR consent"
            description="Buyers must tick a box agreeing that you store their details."
            {...form.getInputProps('ask_gdpr_consent', { type: 'checkbox' })}
          />
          <Stack gap={6}>
            <Text fz="sm" fw={500} id="gateway-label">
              Payment gateway
            </Text>
            <SegmentedControl
              aria-labelledby="gateway-label"
              data={[
                { value: 'sandbox', label: 'Sandbox (test payments)' },
                { value: 'stripe', label: 'Stripe' },
              ]}
              {...form.getInputProps('gateway')}
            />
          </Stack>
        </SectionCard>

        <FormAlert message={formError} />
        <Group>
          <Button type="submit" loading={saving} disabled={Boolean(product) && !form.isDirty()}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

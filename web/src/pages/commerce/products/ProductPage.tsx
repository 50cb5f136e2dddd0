import { Button, Container, Group, Modal, Stack, Tabs, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconExternalLink, IconFlask, IconSettings, IconTrash } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useOptions } from '../../../api/catalog';
import {
  type Product,
  useCreateProduct,
  useDeleteProduct,
  useProduct,
  useUpdateProduct,
} from '../../../api/commerce';
import { ApiError, messageOf } from '../../../api/errors';
import { useAccount } from '../../../api/session';
import { FormAlert } from '../../../components/FormAlert';
import { PageLoader } from '../../../components/PageLoader';
import { AnchorLink } from '../../../components/RouterLinks';
import { SectionCard } from '../../settings/SectionCard';
import { ProductChecks } from './ProductChecks';
import { ProductForm } from './ProductForm';

function BackLink() {
  return (
    <AnchorLink to="/commerce" fz="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden /> All products
      </Group>
    </AnchorLink>
  );
}

/** `/commerce/products/new`. */
export function NewProductPage() {
  const account = useAccount();
  const options = useOptions();
  const create = useCreateProduct();
  const navigate = useNavigate();
  if (options.isPending) return <PageLoader />;
  return (
    <Container size="xl" px={0}>
      <Stack gap="xs" mb="lg">
        <BackLink />
        <Title order={1} fz={28}>
          New product
        </Title>
      </Stack>
      {options.isError ? (
        <FormAlert message={messageOf(options.error)} />
      ) : (
        <ProductForm
          options={options.data}
          accountCurrency={account.currency}
          accountLanguage={account.checkout_language}
          submitLabel="Create product"
          onSubmit={async (body) => {
            const saved = await create.mutateAsync(body);
            notifications.show({ color: 'teal', title: 'Product created', message: saved.name });
            await navigate({ to: '/commerce/products/$id', params: { id: String(saved.id) } });
          }}
        />
      )}
    </Container>
  );
}

function DeleteProduct({ product }: { product: Product }) {
  const [opened, modal] = useDisclosure(false);
  const remove = useDeleteProduct();
  const navigate = useNavigate();
  const confirm = () =>
    remove.mutate(product.id, {
      onSuccess: async () => {
        notifications.show({ color: 'teal', title: 'Product deleted', message: product.name });
        modal.close();
        await navigate({ to: '/commerce' });
      },
      onError: (e) => notifications.show({ color: 'red', title: 'Could not delete', message: messageOf(e) }),
    });
  return (
    <SectionCard
      title="Delete product"
      description="Its checkout page stops working. Its orders and subscriptions stay, and so does the access buyers already have."
    >
      <Group>
        <Button
          variant="light"
          color="red"
          leftSection={<IconTrash size={16} aria-hidden />}
          onClick={modal.open}
        >
          Delete product
        </Button>
      </Group>
      <Modal opened={opened} onClose={modal.close} title="Delete this product?" centered>
        <Stack gap="md">
          <Text fz="sm">
            <b>{product.name}</b> can no longer be bought. To stop selling for a while, switch “On sale” off
            instead. This can’t be undone.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={modal.close}>
              Cancel
            </Button>
            <Button color="red" onClick={confirm} loading={remove.isPending}>
              Delete product
            </Button>
          </Group>
        </Stack>
      </Modal>
    </SectionCard>
  );
}

function EditProduct({ product }: { product: Product }) {
  const account = useAccount();
  const options = useOptions();
  const update = useUpdateProduct(product.id);
  if (options.isPending) return <PageLoader />;
  if (options.isError) return <FormAlert message={messageOf(options.error)} />;
  return (
    <Stack gap="lg">
      <ProductForm
        key={product.updated_at}
        product={product}
        options={options.data}
        accountCurrency={account.currency}
        accountLanguage={account.checkout_language}
        submitLabel="Save product"
        onSubmit={async (body) => {
          const saved = await update.mutateAsync(body);
          notifications.show({ color: 'teal', title: 'Product saved', message: saved.name });
        }}
      />
      <div style={{ maxWidth: 860 }}>
        <DeleteProduct product={product} />
      </div>
    </Stack>
  );
}

/** `/commerce/products/$id`: edit the product, preview its checkout, test it end to end. */
export function ProductPage({ id }: { id: number }) {
  const product = useProduct(id);
  const [tab, setTab] = useState<string | null>('settings');
  if (product.isPending) return <PageLoader />;
  if (product.isError) {
    const gone = product.error instanceof ApiError && product.error.status === 404;
    return (
      <Container size="sm" px={0}>
        <Stack gap="md">
          <BackLink />
          <Title order={1} fz={28}>
            {gone ? 'Product not found' : 'Could not load the product'}
          </Title>
          <FormAlert message={gone ? 'It may have been deleted.' : messageOf(product.error)} />
        </Stack>
      </Container>
    );
  }
  const p = product.data;
  return (
    <Container size="xl" px={0}>
      <Stack gap="xs" mb="lg">
        <BackLink />
        <Group justify="space-between" align="flex-start" gap="md">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Title order={1} fz={28} style={{ wordBreak: 'break-word' }}>
              {p.name}
            </Title>
            <Text c="dimmed" fz="sm" style={{ wordBreak: 'break-all' }}>
              Buyers check out at {p.checkout_url}
            </Text>
          </Stack>
          <Button
            component="a"
            href={p.checkout_url}
            target="_blank"
            rel="noopener"
            variant="default"
            leftSection={<IconExternalLink size={16} aria-hidden />}
          >
            Preview checkout
          </Button>
        </Group>
      </Stack>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="lg">
          <Tabs.Tab value="settings" leftSection={<IconSettings size={16} aria-hidden />}>
            Product and prices
          </Tabs.Tab>
          <Tabs.Tab value="checks" leftSection={<IconFlask size={16} aria-hidden />}>
            Test purchase and health
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="settings">
          <EditProduct product={p} />
        </Tabs.Panel>
        <Tabs.Panel value="checks">
          <ProductChecks product={p} />
        </Tabs.Panel>
      </Tabs>
    </Container>
  );
}

import { Anchor, Badge, Card, Group, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import { IconExternalLink, IconPackage, IconPlus } from '@tabler/icons-react';
import { type Product, useProducts } from '../../../api/commerce';
import { messageOf } from '../../../api/errors';
import { FormAlert } from '../../../components/FormAlert';
import { AnchorLink, ButtonLink } from '../../../components/RouterLinks';
import { CommerceFrame } from '../CommerceFrame';
import { priceLabel } from '../format';
import { TableSkeleton } from '../Loading';

function ProductsEmpty() {
  return (
    <Stack align="center" gap="sm" py={48} px="md" ta="center">
      <ThemeIcon size={48} radius="xl" variant="light" color="gray">
        <IconPackage size={24} aria-hidden />
      </ThemeIcon>
      <Title order={2} fz="lg">
        No products yet
      </Title>
      <Text c="dimmed" fz="sm" maw={480}>
        A product has prices and a hosted checkout page on your site. Buying it applies its tag to the buyer,
        so an automation can grant membership access or send mail.
      </Text>
      <ButtonLink to="/commerce/products/new" mt="xs">
        Create a product
      </ButtonLink>
    </Stack>
  );
}

function ProductsTable({ products }: { products: Product[] }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="Products">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Product</Table.Th>
            <Table.Th>Tag on purchase</Table.Th>
            <Table.Th>Prices</Table.Th>
            <Table.Th>Gateway</Table.Th>
            <Table.Th>Checkout</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {products.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <AnchorLink to="/commerce/products/$id" params={{ id: String(p.id) }} fw={500}>
                    {p.name}
                  </AnchorLink>
                  {!p.active && (
                    <Badge size="sm" color="gray" variant="light">
                      Inactive
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Badge variant="light">{p.tag}</Badge>
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  {p.prices
                    .filter((pr) => pr.active)
                    .map((pr) => (
                      <Text key={pr.id} fz="sm">
                        {priceLabel(pr)}
                      </Text>
                    ))}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Badge variant="outline" color={p.gateway === 'stripe' ? 'violet' : 'gray'}>
                  {p.gateway === 'stripe' ? 'Stripe' : 'Sandbox'}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Anchor href={p.checkout_url} target="_blank" rel="noopener" fz="sm">
                  <Group gap={4} component="span" wrap="nowrap">
                    /checkout/{p.slug} <IconExternalLink size={14} aria-hidden />
                  </Group>
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** `/commerce`: every product with its prices and checkout link; create one. */
export function ProductsPage() {
  const products = useProducts();
  return (
    <CommerceFrame
      tab="products"
      description="Products, their prices and hosted checkouts; orders and subscriptions they bring in."
      actions={
        <ButtonLink to="/commerce/products/new" leftSection={<IconPlus size={16} aria-hidden />}>
          New product
        </ButtonLink>
      }
    >
      <Card p={0}>
        {products.isPending ? (
          <TableSkeleton label="Loading products" />
        ) : products.isError ? (
          <Stack p="md">
            <FormAlert message={messageOf(products.error)} />
          </Stack>
        ) : products.data.length === 0 ? (
          <ProductsEmpty />
        ) : (
          <ProductsTable products={products.data} />
        )}
      </Card>
    </CommerceFrame>
  );
}

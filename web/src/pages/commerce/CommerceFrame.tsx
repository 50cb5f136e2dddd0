import { IconCreditCard, IconPackage, IconReceipt, IconRepeat } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { AreaFrame } from '../../components/AreaFrame';

export const commerceTabs = [
  { value: 'products', label: 'Products', to: '/commerce', icon: IconPackage },
  { value: 'orders', label: 'Orders', to: '/commerce/orders', icon: IconReceipt },
  { value: 'subscriptions', label: 'Subscriptions', to: '/commerce/subscriptions', icon: IconRepeat },
  { value: 'gateways', label: 'Payment gateways', to: '/commerce/gateways', icon: IconCreditCard },
] as const;

export type CommerceTab = (typeof commerceTabs)[number]['value'];

/** The Commerce area: products, orders, subscriptions and gateway settings, one tab each. */
export function CommerceFrame(props: {
  tab: CommerceTab;
  description: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return <AreaFrame title="Commerce" tabs={commerceTabs} {...props} />;
}

import {
  Anchor,
  type AnchorProps,
  Button,
  type ButtonProps,
  NavLink,
  type NavLinkProps,
} from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import type { ComponentPropsWithRef } from 'react';

/**
 * Mantine components that navigate with the router (client-side, typed `to`/`params`), so pages
 * never hand-build URLs or use plain <a> for in-app links.
 */

type AnchorLikeProps<P> = P & Omit<ComponentPropsWithRef<'a'>, keyof P>;

function AnchorBase(props: AnchorLikeProps<AnchorProps>) {
  return <Anchor component="a" {...props} />;
}

function ButtonBase(props: AnchorLikeProps<ButtonProps>) {
  return <Button component="a" {...props} />;
}

// The router marks the current page with data-status="active"; Mantine shows it via `active`.
function NavLinkBase(props: AnchorLikeProps<NavLinkProps> & { 'data-status'?: string }) {
  return <NavLink component="a" active={props['data-status'] === 'active'} {...props} />;
}

export const AnchorLink = createLink(AnchorBase);
export const ButtonLink = createLink(ButtonBase);
export const NavLinkItem = createLink(NavLinkBase);

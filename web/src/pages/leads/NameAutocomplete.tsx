import { Autocomplete, type AutocompleteProps } from '@mantine/core';
import { type NamedKind, useNamed } from '../../api/taxonomy';

/**
 * A tag or list name: pick an existing one or type a new one (the server creates it on first use).
 */
export function NameAutocomplete({ kind, ...props }: { kind: NamedKind } & Omit<AutocompleteProps, 'data'>) {
  const named = useNamed(kind);
  return (
    <Autocomplete
      data={(named.data ?? []).map((n) => n.name)}
      maxLength={100}
      limit={50}
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  );
}

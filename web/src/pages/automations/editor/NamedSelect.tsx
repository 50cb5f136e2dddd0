import { Select, type SelectProps } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { messageOf } from '../../../api/errors';
import { type NamedKind, useCreateNamed, useNamed } from '../../../api/taxonomy';
import type { Named } from '../../../api/types';

const CREATE = 'create:';

/**
 * Picks a tag or a list by id. Typing a name that does not exist offers to create it, so an
 * automation can be set up before the first lead carries the tag.
 */
export function NamedSelect({
  kind,
  value,
  onChange,
  ...props
}: { kind: NamedKind; value?: string | null; onChange: (id: string | null) => void } & Omit<
  SelectProps,
  'data' | 'value' | 'onChange'
>) {
  const named = useNamed(kind);
  const create = useCreateNamed(kind);
  const qc = useQueryClient();
  const [search, setSearch] = useState('');
  const word = kind === 'tags' ? 'tag' : 'list';

  const items = (named.data ?? []).map((n) => ({ value: String(n.id), label: n.name }));
  const typed = search.trim();
  const exists = items.some((i) => i.label.toLowerCase() === typed.toLowerCase());
  const data =
    typed && !exists
      ? [...items, { value: `${CREATE}${typed}`, label: `+ Create ${word} “${typed}”` }]
      : items;

  const pick = async (next: string | null) => {
    if (!next?.startsWith(CREATE)) return onChange(next);
    try {
      const created = await create.mutateAsync(next.slice(CREATE.length));
      // Known at once, so the select shows its name before the list is fetched again.
      qc.setQueryData<Named[]>([kind], (old = []) =>
        old.some((n) => n.id === created.id) ? old : [...old, created],
      );
      onChange(String(created.id));
      setSearch(created.name);
    } catch (e) {
      notifications.show({ color: 'red', title: `Could not create the ${word}`, message: messageOf(e) });
    }
  };

  return (
    <Select
      searchable
      data={data}
      value={value ?? null}
      onChange={pick}
      searchValue={search}
      onSearchChange={setSearch}
      placeholder={named.isPending ? 'Loading…' : `Pick or type a ${word}`}
      nothingFoundMessage={`No ${kind} yet: type a name to create one`}
      disabled={create.isPending}
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  );
}

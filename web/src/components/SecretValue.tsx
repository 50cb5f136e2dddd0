import { ActionIcon, Code, CopyButton, Group, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

/** A value shown once (temporary password, API token) with a copy button beside it. */
export function SecretValue({ value, label }: { value: string; label: string }) {
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      <Code
        block
        aria-label={label}
        data-testid="secret-value"
        fz="md"
        style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
      >
        {value}
      </Code>
      <CopyButton value={value} timeout={2000}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
            <ActionIcon
              variant={copied ? 'filled' : 'light'}
              color={copied ? 'teal' : undefined}
              size="lg"
              onClick={copy}
              aria-label={copied ? `${label} copied` : `Copy ${label.toLowerCase()}`}
            >
              {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

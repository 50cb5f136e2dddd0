import { ActionIcon, Group, Input, Paper, SegmentedControl, Stack, Textarea, Tooltip } from '@mantine/core';
import {
  IconBold,
  IconH2,
  IconH3,
  IconItalic,
  IconLink,
  IconList,
  IconListNumbers,
  IconPilcrow,
  IconQuote,
} from '@tabler/icons-react';
import { type ComponentType, useRef, useState } from 'react';
import { type Edit, listSelection, previewDocument, wrapSelection } from '../../../lib/postBody';

type Tool = {
  label: string;
  icon: ComponentType<{ size?: number }>;
  apply: (e: Edit) => Edit;
};

const TOOLS: Tool[] = [
  { label: 'Bold', icon: IconBold, apply: (e) => wrapSelection(e, '<strong>', '</strong>', 'bold text') },
  { label: 'Italic', icon: IconItalic, apply: (e) => wrapSelection(e, '<em>', '</em>', 'italic text') },
  { label: 'Heading', icon: IconH2, apply: (e) => wrapSelection(e, '<h2>', '</h2>\n', 'Heading') },
  { label: 'Subheading', icon: IconH3, apply: (e) => wrapSelection(e, '<h3>', '</h3>\n', 'Subheading') },
  { label: 'Paragraph', icon: IconPilcrow, apply: (e) => wrapSelection(e, '<p>', '</p>\n', 'Paragraph') },
  { label: 'Bulleted list', icon: IconList, apply: (e) => listSelection(e, 'ul') },
  { label: 'Numbered list', icon: IconListNumbers, apply: (e) => listSelection(e, 'ol') },
  {
    label: 'Quote',
    icon: IconQuote,
    apply: (e) => wrapSelection(e, '<blockquote>', '</blockquote>\n', 'Quote'),
  },
  {
    label: 'Link',
    icon: IconLink,
    apply: (e) => {
      const text = wrapSelection(e, '<a href="https://">', '</a>', 'link text');
      // Select the address, which is what needs typing next.
      const at = text.selectionStart - '">'.length - 'https://'.length;
      return { ...text, selectionStart: at, selectionEnd: at + 'https://'.length };
    },
  },
];

/**
 * The post body: HTML with a toolbar for the common tags (or plain text: blank lines make
 * paragraphs), and a preview in a sandboxed frame where nothing can run.
 */
export function BodyEditor({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: React.ReactNode;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const [mode, setMode] = useState('write');

  const apply = (tool: Tool) => {
    const el = ref.current;
    if (!el) return;
    const next = tool.apply({ value, selectionStart: el.selectionStart, selectionEnd: el.selectionEnd });
    onChange(next.value);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(next.selectionStart, next.selectionEnd);
    });
  };

  return (
    <Stack gap={6}>
      <Group justify="space-between" align="flex-end" gap="xs">
        <Input.Label htmlFor="post-body">Body</Input.Label>
        <SegmentedControl
          size="xs"
          aria-label="Body view"
          data={[
            { value: 'write', label: 'Write' },
            { value: 'preview', label: 'Preview' },
          ]}
          value={mode}
          onChange={setMode}
        />
      </Group>
      {mode === 'write' ? (
        <>
          <Group gap={2} role="toolbar" aria-label="Formatting" aria-controls="post-body">
            {TOOLS.map((tool) => (
              <Tooltip key={tool.label} label={tool.label} withArrow>
                <ActionIcon variant="default" size="md" aria-label={tool.label} onClick={() => apply(tool)}>
                  <tool.icon size={16} />
                </ActionIcon>
              </Tooltip>
            ))}
          </Group>
          <Textarea
            id="post-body"
            ref={ref}
            aria-label="Body"
            description="HTML, or plain text where blank lines start paragraphs. Scripts and styles are removed on save."
            autosize
            minRows={10}
            maxRows={28}
            value={value}
            onChange={(e) => onChange(e.currentTarget.value)}
            error={error}
            styles={{ input: { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 13 } }}
          />
        </>
      ) : (
        <Paper withBorder>
          <iframe
            title="Preview of the body"
            sandbox=""
            srcDoc={previewDocument(value)}
            style={{ width: '100%', minHeight: 320, border: 0, display: 'block' }}
          />
        </Paper>
      )}
    </Stack>
  );
}

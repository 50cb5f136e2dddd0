import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { messageOf } from '../api/errors';
import { ButtonLink } from '../components/RouterLinks';

export function NotFoundPage() {
  return (
    <Center mih="70vh" component="main">
      <Stack align="center" gap="sm">
        <Text fz={64} fw={800} c="indigo.2" lh={1}>
          404
        </Text>
        <Title order={1} fz={24}>
          This page does not exist
        </Title>
        <Text c="dimmed">The address may be mistyped, or the page has moved.</Text>
        <ButtonLink to="/" mt="sm">
          Go to the home page
        </ButtonLink>
      </Stack>
    </Center>
  );
}

/** Last resort for an unexpected failure while loading a screen. */
export function ErrorPage({ error, reset }: { error: unknown; reset: () => void }) {
  return (
    <Center mih="70vh" component="main">
      <Stack align="center" gap="sm" maw={480}>
        <Title order={1} fz={24}>
          Something went wrong
        </Title>
        <Text c="dimmed" ta="center" role="alert">
          {messageOf(error)}
        </Text>
        <Button onClick={reset} mt="sm">
          Try again
        </Button>
      </Stack>
    </Center>
  );
}

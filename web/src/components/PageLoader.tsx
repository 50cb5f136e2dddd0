import { Center, Loader } from '@mantine/core';

/** Shown while a route waits for data; labelled so screen readers hear it. */
export function PageLoader() {
  return (
    <Center mih="60vh" role="status" aria-label="Loading">
      <Loader />
    </Center>
  );
}

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Caddy (on-demand TLS asking Atrium) and Pebble (the ACME server) from Debian's packages, on
 * loopback ports chosen free at start, with a throwaway CA for Pebble's own listener, all in a
 * temporary directory. `stop()` ends both processes and removes the directory. Nothing here uses
 * a fixed port, so several stacks (the sqlite and postgres test projects) run at once.
 */
export type TlsStack = {
  /** Caddy's HTTPS port (connect with SNI = the custom domain). */
  httpsPort: number;
  /** Caddy's HTTP port, which is also where Pebble validates HTTP-01. */
  httpPort: number;
  log(): string;
  stop(): Promise<void>;
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function waitFor(what: string, ok: () => boolean, child: ChildProcess, log: () => string, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (ok()) return;
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}:\n${log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not start within ${ms} ms:\n${log()}`);
}

export async function startTlsStack(opts: {
  dnsAddress: string;
  atriumPort: number;
  /** Caddy's HTTP port and Pebble's HTTP-01 port (the same); free by default. */
  httpPort?: number;
}): Promise<TlsStack> {
  for (const tool of ['caddy', 'pebble', 'openssl']) {
    if (!fs.existsSync(`/usr/bin/${tool}`)) {
      throw new Error(
        `/usr/bin/${tool} is missing: apt-get install caddy pebble openssl (.ci/run installs them).`,
      );
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-tls-'));
  const f = (name: string) => path.join(dir, name);
  let output = '';
  const collect = (prefix: string) => (chunk: Buffer) => {
    output = (output + chunk.toString().replace(/^/gm, prefix)).slice(-40_000);
  };
  const children: ChildProcess[] = [];
  const cleanup = async () => {
    await Promise.all(children.map(stop));
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    // A throwaway CA and a certificate for Pebble's ACME listener (the package ships none).
    const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    ssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=Atrium test CA',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
    );
    ssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=localhost',
      '-keyout',
      'pebble.key',
      '-out',
      'pebble.csr',
    );
    fs.writeFileSync(f('san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
    ssl(
      'x509',
      '-req',
      '-in',
      'pebble.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      'san.ext',
      '-out',
      'pebble.pem',
    );

    const [acmePort, mgmtPort, tlsAlpnPort, httpsPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    const httpPort = opts.httpPort ?? (await freePort());
    fs.writeFileSync(
      f('pebble.json'),
      JSON.stringify({
        pebble: {
          listenAddress: `127.0.0.1:${acmePort}`,
          managementListenAddress: `127.0.0.1:${mgmtPort}`,
          certificate: f('pebble.pem'),
          privateKey: f('pebble.key'),
          httpPort,
          tlsPort: tlsAlpnPort,
          ocspResponderURL: '',
          externalAccountBindingRequired: false,
        },
      }),
    );
    const pebble = spawn('/usr/bin/pebble', ['-config', f('pebble.json'), '-dnsserver', opts.dnsAddress], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PEBBLE_VA_NOSLEEP: '1', PEBBLE_WFE_NONCEREJECT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(pebble);
    pebble.stdout?.on('data', collect('[pebble] '));
    pebble.stderr?.on('data', collect('[pebble] '));
    await waitFor(
      'pebble',
      () => /Listening on/.test(output),
      pebble,
      () => output,
    );

    const atrium = `127.0.0.1:${opts.atriumPort}`;
    fs.writeFileSync(
      f('Caddyfile'),
      `{
	admin off
	http_port ${httpPort}
	https_port ${httpsPort}
	acme_ca https://127.0.0.1:${acmePort}/dir
	acme_ca_root ${f('ca.pem')}
	storage file_system ${f('caddy-data')}
	on_demand_tls {
		ask http://${atrium}/internal/tls/ask
	}
}

http:// {
	reverse_proxy ${atrium}
}

https:// {
	tls {
		on_demand
	}
	reverse_proxy ${atrium}
}
`,
    );
    const caddy = spawn('/usr/bin/caddy', ['run', '--config', f('Caddyfile'), '--adapter', 'caddyfile'], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: dir,
        XDG_DATA_HOME: f('xdg-data'),
        XDG_CONFIG_HOME: f('xdg-config'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(caddy);
    caddy.stdout?.on('data', collect('[caddy] '));
    caddy.stderr?.on('data', collect('[caddy] '));
    await waitFor(
      'caddy',
      () => /serving initial configuration/.test(output),
      caddy,
      () => output,
    );
    return { httpsPort, httpPort, log: () => output, stop: cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

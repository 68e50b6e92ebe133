// The embedded Firestore stand-in: @firestore-emulator/server in this process, the real firebase-admin pointed at it.
import { createRequire } from 'node:module';
import { FirestoreServer } from '@firestore-emulator/server';
import { initializeApp, type App } from 'firebase-admin/app';
import { getFirestore, type Firestore } from 'firebase-admin/firestore';

export interface EmbeddedFirestore {
  host: string;
  db: Firestore;
  app: App;
  /** Drops every document (tests call it before each test). */
  clear(): void;
  stop(): Promise<void>;
}

interface GrpcServer {
  bindAsync(address: string, credentials: unknown, callback: (error: Error | null, port: number) => void): void;
}

/** The emulator binds through its own copy of @grpc/grpc-js, whose credentials class we must use. */
const grpc = createRequire(createRequire(import.meta.url).resolve('@firestore-emulator/server'))('@grpc/grpc-js') as {
  ServerCredentials: { createInsecure(): unknown };
};

/**
 * Starts the emulator on 127.0.0.1 (an ephemeral port unless given) and a firebase-admin app bound to it.
 * Sets FIRESTORE_EMULATOR_HOST so any other firebase-admin user in the process finds it too.
 */
export async function startEmbeddedFirestore(options: { port?: number; projectId?: string; appName?: string } = {}): Promise<EmbeddedFirestore> {
  const server = new FirestoreServer();
  const grpcServer = (server as unknown as { server: GrpcServer }).server;
  const port = await new Promise<number>((resolve, reject) => {
    grpcServer.bindAsync(`127.0.0.1:${options.port ?? 0}`, grpc.ServerCredentials.createInsecure(), (error, bound) => {
      if (error) reject(error);
      else resolve(bound);
    });
  });
  const host = `127.0.0.1:${port}`;
  process.env.FIRESTORE_EMULATOR_HOST = host;
  // No Google metadata server exists locally; without this firebase-admin probes for one and warns.
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  const app = initializeApp({ projectId: options.projectId ?? 'demo-journey' }, options.appName ?? `embedded-${port}`);
  const db = getFirestore(app);
  db.settings({ host, ssl: false, ignoreUndefinedProperties: false });
  return {
    host,
    db,
    app,
    clear: () => {
      server.state.clear();
    },
    stop: async () => {
      await db.terminate().catch(() => undefined);
      server.stop();
    },
  };
}

// Runs once when a server instance starts: configuration is checked, the database migrated, background work started.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startInstance } = await import("./lib/platform/instance/start-instance");
  await startInstance();
}

export function App() {
  return (
    <main>
      <h1>ACR Geo-Replication Lab</h1>
    </main>
  );
}

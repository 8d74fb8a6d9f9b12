export function App() {
  return (
    <main>
      <h1>Tandem</h1>
      <p>Peer coaching and peer mentoring programs.</p>
    </main>
  )
}

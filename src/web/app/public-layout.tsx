import { Outlet } from '@tanstack/react-router'
import { Brand } from './brand.tsx'

/** Signed-out pages: set-up, sign-in, invitation and password links. */
export function PublicLayout() {
  return (
    <div className="public-shell">
      <a className="skip-link" href="#main-content">
        Skip to main content
      </a>
      <header className="public-header">
        <Brand />
      </header>
      <main id="main-content" className="public-main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="public-footer">
        <p style={{ margin: 0 }}>Tandem · peer coaching and peer mentoring</p>
      </footer>
    </div>
  )
}

import type { ReactNode } from "react";

// (An inline icon: no /favicon.ico request, so a 404 in the log means something.)
export const metadata = { title: "cyberdesk-kit in Next.js", icons: { icon: "data:," } };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}

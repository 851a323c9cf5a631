// app/page.tsx
"use client";
import { useEffect, useState } from "react";
import { init, resolvePrompt } from "cyberdesk-kit";

export default function Page() {
  const [text, setText] = useState("loading");
  useEffect(() => {
    init().then(() => setText(resolvePrompt("Hi {name}, type {$pin}", { name: "Ada" }).text));
  }, []);
  return <p id="resolved">{text}</p>;
}

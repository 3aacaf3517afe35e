"""LLM-engine tests against a real llama.cpp server (marker: llm_server)."""

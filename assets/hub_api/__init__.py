"""The Hugging Face Hub: the real client (huggingface_hub with bounded retries and a request
budget), concurrent fetching, the Hub resource of a run and the project's Hub-compatible server."""

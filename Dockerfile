FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY service ./service
COPY migrations ./migrations
COPY setup.py ./
RUN pip install --no-cache-dir . && useradd --system aifacts
USER aifacts
EXPOSE 8000
CMD ["aifacts", "serve", "--host", "0.0.0.0", "--port", "8000"]

# The API gateway (merged OpenAPI document, Swagger UI, event contract; routes by the route table).
# Build the jars first (./mvnw -B install -DskipTests), then from the repository root:
#   docker build -f docker/api-gateway.Dockerfile -t hyperplane/api-gateway .
FROM eclipse-temurin:17-jre
WORKDIR /deployments
COPY services/api-gateway/target/lib/ lib/
COPY services/api-gateway/target/api-gateway-app.jar api-gateway.jar
USER 185
EXPOSE 8080
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /deployments/api-gateway.jar"]

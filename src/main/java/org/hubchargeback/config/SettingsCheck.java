package org.hubchargeback.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginProvider;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.Ordered;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Checks the settings once every configuration file and the command line are read, before any bean exists (so before
 * the job database is opened): a key under {@code hub-chargeback} that is no setting stops the application, naming
 * the key, where it was written and the setting it was probably meant to be (see {@link KnownSettings}). Also makes a
 * relative {@code data-dir} absolute, which the H2 URL needs (H2 refuses a path "implicitly relative" to the working
 * directory).
 */
public class SettingsCheck implements EnvironmentPostProcessor, Ordered {

	static final String PREFIX = "hub-chargeback";

	private static final String DATA_DIR = PREFIX + ".data-dir";

	/**
	 * Every settings record under {@code hub-chargeback}, by its prefix below it: found on the class path, so that a
	 * feature's settings (remote, metrics, progress, history) are known without this package depending on it.
	 */
	private static final Map<String, Class<?>> RECORDS = settingsRecords();

	private static final KnownSettings KNOWN = KnownSettings.of(known());

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		check(ConfigurationPropertySources.get(environment));
		RECORDS.forEach((key, type) -> bind(environment, key.isEmpty() ? PREFIX : PREFIX + "." + key, type));
		String dataDir = environment.getProperty(DATA_DIR);
		if (dataDir != null && !dataDir.isBlank() && !Path.of(dataDir).isAbsolute()) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource("hub-chargeback absolute data-dir",
						Map.of(DATA_DIR, Path.of(dataDir).toAbsolutePath().normalize().toString())));
		}
	}

	private static Map<String, Class<?>> settingsRecords() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
		Map<String, Class<?>> records = new TreeMap<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents("org.hubchargeback")) {
			Class<?> type = ClassUtils.resolveClassName(Objects.requireNonNull(candidate.getBeanClassName()),
					SettingsCheck.class.getClassLoader());
			ConfigurationProperties annotation = Objects
				.requireNonNull(type.getAnnotation(ConfigurationProperties.class));
			String prefix = annotation.value().isEmpty() ? annotation.prefix() : annotation.value();
			if (prefix.equals(PREFIX)) {
				records.put("", type);
			}
			else if (prefix.startsWith(PREFIX + ".")) {
				records.put(prefix.substring(PREFIX.length() + 1), type);
			}
		}
		return records;
	}

	private static Map<String, Class<?>> known() {
		Map<String, Class<?>> known = new LinkedHashMap<>(RECORDS);
		known.put("data-dir", String.class);
		return known;
	}

	/**
	 * @throws InvalidConfigurationException naming the first key under {@code hub-chargeback} that is no setting
	 */
	static void check(Iterable<ConfigurationPropertySource> sources) {
		ConfigurationPropertyName prefix = ConfigurationPropertyName.of(PREFIX);
		for (ConfigurationPropertySource source : sources) {
			if (!(source instanceof IterableConfigurationPropertySource iterable)) {
				continue;
			}
			for (ConfigurationPropertyName name : iterable.filter(prefix::isAncestorOf)) {
				List<KnownSettings.Element> elements = new ArrayList<>();
				for (int i = prefix.getNumberOfElements(); i < name.getNumberOfElements(); i++) {
					elements.add(new KnownSettings.Element(name.getElement(i, Form.ORIGINAL), name.isNumericIndex(i)));
				}
				KnownSettings.Unknown unknown = KNOWN.check(elements.toArray(KnownSettings.Element[]::new));
				if (unknown != null) {
					throw new InvalidConfigurationException(name + " is not a setting" + where(source, name)
							+ ((unknown.nearest() != null) ? "; did you mean " + PREFIX + "." + unknown.nearest() + "?"
									: "; see docs/operations.md, Configuration")
							+ " (a setting Spring does not know would be ignored, and the run would go on without it)");
				}
			}
		}
	}

	/**
	 * Binds a properties record as the application will, so that a value out of its range (checked in the records'
	 * compact constructors) or of the wrong type stops the application now, in one line, before any bean is made and
	 * the job database opened.
	 */
	private static void bind(ConfigurableEnvironment environment, String prefix, Class<?> type) {
		try {
			Binder.get(environment).bindOrCreate(prefix, type);
		}
		catch (BindException ex) {
			for (Throwable cause = ex; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
				if (cause instanceof InvalidConfigurationException invalid) {
					throw invalid;
				}
			}
			Throwable root = ex;
			while (root.getCause() != null && root.getCause() != root) {
				root = root.getCause();
			}
			ConfigurationProperty property = ex.getProperty();
			throw new InvalidConfigurationException(((property != null) ? property.getName() + ": '"
					+ property.getValue() + "' cannot be read" + where(property.getOrigin()) : ex.getName().toString())
					+ ": " + String.valueOf(root.getMessage()).lines().findFirst().orElse(""));
		}
	}

	private static String where(ConfigurationPropertySource source, ConfigurationPropertyName name) {
		if (source.getUnderlyingSource() instanceof CommandLinePropertySource<?>) {
			return " (on the command line)";
		}
		ConfigurationProperty property = source.getConfigurationProperty(name);
		return where((property != null) ? property.getOrigin() : null);
	}

	private static String where(@Nullable Origin origin) {
		while (origin != null && !(origin instanceof TextResourceOrigin)) {
			origin = (origin instanceof OriginProvider provider && provider.getOrigin() != origin) ? provider.getOrigin()
					: origin.getParent();
		}
		if (origin instanceof TextResourceOrigin text && text.getResource() != null) {
			return " (" + file(text.getResource())
					+ ((text.getLocation() != null) ? " line " + (text.getLocation().getLine() + 1) : "") + ")";
		}
		return "";
	}

	private static String file(Resource resource) {
		@Nullable String name = resource.getFilename();
		try {
			return resource.isFile() ? resource.getFile().toString() : (name != null) ? name : resource.toString();
		}
		catch (java.io.IOException ex) {
			return (name != null) ? name : resource.toString();
		}
	}

	@Override
	public int getOrder() {
		// after the configuration files are read (ConfigDataEnvironmentPostProcessor)
		return Ordered.LOWEST_PRECEDENCE;
	}

}

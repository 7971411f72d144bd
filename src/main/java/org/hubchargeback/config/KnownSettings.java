package org.hubchargeback.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The settings under {@code hub-chargeback.*}, derived from the properties records, so that a key nobody binds is
 * found and named. Spring ignores such a key, and a one-letter typo then changes what is charged without a word: a
 * misspelt {@code user-subscriptions-file} charges every tenant of the hub to its default subscription, a misspelt
 * {@code output-dir} publishes to {@code ./out}. Names are compared as Spring binds them (relaxed: {@code output-dir},
 * {@code outputDir} and {@code output_dir} are one setting).
 */
public final class KnownSettings {

	private final Node root;

	private KnownSettings(Node root) {
		this.root = root;
	}

	/**
	 * @param settings the records bound below the prefix, by their key (e.g. {@code ""} for the root record,
	 * {@code "remote"} for a record bound at {@code prefix.remote}), and plain values bound elsewhere (a
	 * {@code String.class} at {@code "data-dir"})
	 */
	public static KnownSettings of(Map<String, Class<?>> settings) {
		Node root = new Node(Kind.RECORD, new LinkedHashMap<>(), null);
		settings.forEach((key, type) -> {
			if (key.isEmpty()) {
				root.children().putAll(node(type).children());
			}
			else {
				root.children().put(uniform(key), new Child(key, node(type)));
			}
		});
		return new KnownSettings(root);
	}

	/**
	 * @param elements the elements of a key below the prefix, as written ({@code hubs}, {@code 0},
	 * {@code user-subscription-file}), each with whether it was an index ({@code [0]})
	 * @return null when the key is a setting; else the elements of the nearest setting, as written up to the unknown
	 * element and then the known one's dashed name (nothing when there is no near one)
	 */
	public @Nullable Unknown check(Element... elements) {
		Node node = this.root;
		StringBuilder known = new StringBuilder();
		for (Element element : elements) {
			switch (node.kind()) {
				case RECORD -> {
					Child child = element.indexed() ? null : node.children().get(uniform(element.name()));
					if (child == null) {
						String nearest = nearest(element.name(), node.children().values());
						return new Unknown(known.toString(),
								(nearest != null) ? append(known.toString(), nearest, false) : null);
					}
					known = new StringBuilder(append(known.toString(), child.name(), false));
					node = child.node();
				}
				case LIST, MAP -> {
					known = new StringBuilder(append(known.toString(), element.name(), element.indexed()));
					node = node.element();
				}
				case VALUE -> {
					// a plain value has no settings below it
					return new Unknown(known.toString(), null);
				}
			}
			if (node == null) {
				return new Unknown(known.toString(), null);
			}
		}
		return null;
	}

	private static String append(String key, String element, boolean indexed) {
		if (indexed) {
			return key + "[" + element + "]";
		}
		return key.isEmpty() ? element : key + "." + element;
	}

	/**
	 * The known name with the fewest edits from {@code name}, if a typo is a likely explanation (at most a third of
	 * its letters differ).
	 */
	private static @Nullable String nearest(String name, Collection<Child> known) {
		String wanted = uniform(name);
		Child best = known.stream()
			.min(Comparator.comparingInt((Child child) -> distance(wanted, uniform(child.name()))))
			.orElse(null);
		if (best == null || distance(wanted, uniform(best.name())) > Math.max(2, wanted.length() / 3)) {
			return null;
		}
		return best.name();
	}

	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	// Spring's uniform form: lower case, without dashes and underscores
	private static String uniform(String name) {
		StringBuilder uniform = new StringBuilder(name.length());
		for (char c : name.toCharArray()) {
			if (c != '-' && c != '_') {
				uniform.append(Character.toLowerCase(c));
			}
		}
		return uniform.toString().toLowerCase(Locale.ROOT);
	}

	private static Node node(Type type) {
		if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
			Type[] arguments = parameterized.getActualTypeArguments();
			if (Collection.class.isAssignableFrom(raw)) {
				return new Node(Kind.LIST, Map.of(), node(arguments[0]));
			}
			if (Map.class.isAssignableFrom(raw)) {
				return new Node(Kind.MAP, Map.of(), node(arguments[1]));
			}
			return node(raw);
		}
		if (type instanceof Class<?> raw && raw.isRecord()) {
			Map<String, Child> children = new LinkedHashMap<>();
			for (RecordComponent component : raw.getRecordComponents()) {
				children.put(uniform(component.getName()),
						new Child(dashed(component.getName()), node(component.getGenericType())));
			}
			return new Node(Kind.RECORD, children, null);
		}
		return new Node(Kind.VALUE, Map.of(), null);
	}

	private static String dashed(String camel) {
		StringBuilder dashed = new StringBuilder(camel.length() + 4);
		for (char c : camel.toCharArray()) {
			if (Character.isUpperCase(c)) {
				dashed.append('-').append(Character.toLowerCase(c));
			}
			else {
				dashed.append(c);
			}
		}
		return dashed.toString();
	}

	/**
	 * One element of a key.
	 *
	 * @param name as written
	 * @param indexed written as {@code [name]}
	 */
	public record Element(String name, boolean indexed) {
	}

	/**
	 * A key that is no setting.
	 *
	 * @param knownPart the part of it that names settings (empty when its first element is unknown)
	 * @param nearest the nearest setting below the prefix, when the key looks like a typo of it
	 */
	public record Unknown(String knownPart, @Nullable String nearest) {
	}

	private enum Kind {

		RECORD, LIST, MAP, VALUE

	}

	private record Child(String name, Node node) {
	}

	private record Node(Kind kind, Map<String, Child> children, @Nullable Node element) {
	}

}
